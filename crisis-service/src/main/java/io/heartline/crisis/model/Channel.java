package io.heartline.crisis.model;

/** How a report reached the school. */
public enum Channel {
    HOTLINE, ONLINE, IN_PERSON, DEPARTMENT_HEAD, CLASS_TEACHER, PEER
}
