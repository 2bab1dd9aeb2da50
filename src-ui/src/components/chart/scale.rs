//! A linear scale from amounts to pixels, with a "nice" top (1, 2, 2.5 or 5 times a power of
//! ten) so the axis' ticks are round numbers. Decimal throughout: amounts never pass through a
//! float.

use rust_decimal::Decimal;

/// Ticks on an axis (0 included).
pub const TICKS: u32 = 4;

/// The smallest round number at least `max` (1, 2, 2.5 or 5 × 10ⁿ); 1 for nothing.
pub fn nice_max(max: Decimal) -> Decimal {
    if max <= Decimal::ZERO {
        return Decimal::ONE;
    }
    let mut power = Decimal::ONE;
    while power * Decimal::TEN <= max {
        power *= Decimal::TEN;
    }
    while power > max {
        // Below 1: step down (amounts of cents).
        power /= Decimal::TEN;
    }
    for step in [
        Decimal::ONE,
        Decimal::TWO,
        Decimal::new(25, 1),
        Decimal::new(5, 0),
        Decimal::TEN,
    ] {
        let candidate = step * power;
        if candidate >= max {
            return candidate.normalize();
        }
    }
    (Decimal::TEN * power).normalize()
}

/// `value` out of `top` as pixels of `length`, to a tenth of a pixel.
pub fn to_px(value: Decimal, top: Decimal, length: u32) -> Decimal {
    if top <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    (value.max(Decimal::ZERO) * Decimal::from(length) / top).round_dp(1)
}

/// The values of the axis' ticks, 0 to `top`.
pub fn ticks(top: Decimal) -> Vec<Decimal> {
    (0..=TICKS)
        .map(|i| (top * Decimal::from(i) / Decimal::from(TICKS)).normalize())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn nice_tops_are_round() {
        assert_eq!(nice_max(dec("0")), dec("1"));
        assert_eq!(nice_max(dec("1")), dec("1"));
        assert_eq!(nice_max(dec("1.2")), dec("2"));
        assert_eq!(nice_max(dec("2.1")), dec("2.5"));
        assert_eq!(nice_max(dec("351.25")), dec("500"));
        assert_eq!(nice_max(dec("999")), dec("1000"));
        assert_eq!(nice_max(dec("1000")), dec("1000"));
        assert_eq!(nice_max(dec("1000.01")), dec("2000"));
        assert_eq!(nice_max(dec("0.3")), dec("0.5"));
    }

    #[test]
    fn pixels_and_ticks() {
        assert_eq!(to_px(dec("250"), dec("500"), 400), dec("200"));
        assert_eq!(to_px(dec("1"), dec("3"), 100), dec("33.3"));
        assert_eq!(to_px(dec("-5"), dec("3"), 100), dec("0"));
        assert_eq!(
            ticks(dec("500")),
            vec![dec("0"), dec("125"), dec("250"), dec("375"), dec("500")]
        );
    }
}
