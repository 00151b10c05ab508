package io.heartline.platform.messaging;

import java.sql.Connection;

/** Runs work in one new database transaction and commits it, or rolls back when the work throws. */
@FunctionalInterface
public interface TransactionRunner {

    void inNewTransaction(Work work) throws Exception;

    @FunctionalInterface
    interface Work {
        /** @param connection a connection enlisted in the transaction */
        void run(Connection connection) throws Exception;
    }
}
