package io.heartline.crisis.model;

public enum ContactMode {
    IN_PERSON, PHONE, MESSAGE
}
