package io.heartline.platform.web;

import jakarta.enterprise.context.RequestScoped;

/** The purpose of use of the current request, set by {@link PurposeOfUseFilter}; read by {@link AuditLog}. */
@RequestScoped
public class PurposeOfUse {

    private Purpose.Stated stated = Purpose.Stated.DEFAULTED;

    void set(Purpose.Stated stated) {
        this.stated = stated;
    }

    public Purpose.Stated get() {
        return stated;
    }
}
