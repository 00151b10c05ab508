package io.heartline.screening.instrument;

/** FREE instruments may be used at once; LICENSED ones only where an administrator recorded a licence. */
public enum LicenceType {
    FREE, LICENSED
}
