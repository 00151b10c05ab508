package io.heartline.training.directory;

/** The system that last sent a person: the HR file, the school information system (OneRoster) or SCIM push. */
public enum PersonSource {
    HR, ONEROSTER, SCIM
}
