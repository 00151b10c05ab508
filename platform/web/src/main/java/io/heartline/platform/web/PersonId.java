package io.heartline.platform.web;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A person id in the one Heartline format ({@link PersonIds}). {@code null} is valid (combine with
 * {@code @NotNull} where the id is required), so that "missing" and "malformed" are reported apart.
 */
@Documented
@Constraint(validatedBy = PersonId.Validator.class)
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface PersonId {

    String message() default PersonIds.MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PersonId, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || PersonIds.valid(value);
        }
    }
}
