package io.heartline.platform.events;

/** The bytes of a record are not an event this code can read: retrying will not help, so it goes to the DLQ. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
