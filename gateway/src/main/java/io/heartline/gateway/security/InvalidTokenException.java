package io.heartline.gateway.security;

/** A token that failed verification. Carries no token content: the message is safe to log. */
public final class InvalidTokenException extends RuntimeException {

    public InvalidTokenException(String message) {
        super(message, null, false, false);
    }
}
