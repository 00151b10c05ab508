package io.heartline.training.certificates;

/** What a certificate attests; qualifications carry a level (A highest, C the base). */
public enum CertificateKind {
    COURSE_PASS(null), COURSE_EXCELLENT(null), QUALIFICATION_A("A"), QUALIFICATION_B("B"), QUALIFICATION_C("C"),
    CRISIS_INTERVENTION(null);

    private final String level;

    CertificateKind(String level) {
        this.level = level;
    }

    public String level() {
        return level;
    }
}
