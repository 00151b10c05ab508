package io.heartline.screening.scoring;

import java.math.BigDecimal;

public record SubscaleScore(String code, String label, int total, BigDecimal mean) {
}
