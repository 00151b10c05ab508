package io.heartline.referral.sla;

import java.util.function.Supplier;

/** Runs work in a new transaction that commits when the work returns and rolls back when it throws. */
@FunctionalInterface
public interface Transactions {
    <T> T inNewTransaction(Supplier<T> work);
}
