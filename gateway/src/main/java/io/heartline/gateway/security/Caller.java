package io.heartline.gateway.security;

import java.util.Set;

/** What the gateway keeps of a verified token: who, which roles, and until when (epoch seconds, {@code exp}). */
public record Caller(String subject, Set<String> roles, long expiresAt) {
}
