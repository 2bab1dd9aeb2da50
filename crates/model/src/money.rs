//! Exact money.
//!
//! FreshBooks sends money as `{"amount": "1234.56", "code": "CAD"}` with the amount as a decimal
//! string. [`Money`] keeps that exactness end to end: the amount is a [`Decimal`], serialized as a
//! string, and arithmetic refuses to mix currencies. There is no float anywhere in this module.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};

/// An ISO 4217 currency code such as `CAD` or `USD`: three ASCII letters, kept upper-case.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct CurrencyCode(String);

/// Why a value is not a currency code or an amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// The code is not three ASCII letters.
    #[error("“{0}” is not a currency code: use three letters such as CAD or USD")]
    BadCurrency(String),
    /// Two amounts of different currencies were combined.
    #[error("cannot combine {0} with {1}: amounts in different currencies never add up")]
    CurrencyMismatch(CurrencyCode, CurrencyCode),
    /// The amount is not a decimal number.
    #[error("“{0}” is not an amount: write digits with an optional point, such as 120.50")]
    BadAmount(String),
}

impl CurrencyCode {
    /// Checks and upper-cases a code.
    pub fn new(code: &str) -> Result<Self, MoneyError> {
        let code = code.trim();
        if code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
            Ok(Self(code.to_ascii_uppercase()))
        } else {
            Err(MoneyError::BadCurrency(code.to_owned()))
        }
    }

    /// The code, upper-case.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CurrencyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for CurrencyCode {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl<'de> Deserialize<'de> for CurrencyCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Self::new(&raw).map_err(serde::de::Error::custom)
    }
}

/// An exact amount of one currency. Serialized as FreshBooks does: `{"amount": "12.30", "code": "CAD"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// The amount, exact. Serialized as a string.
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    /// Its currency.
    #[serde(rename = "code")]
    pub currency: CurrencyCode,
}

impl Money {
    /// An amount in a currency.
    pub fn new(amount: Decimal, currency: CurrencyCode) -> Self {
        Self { amount, currency }
    }

    /// Zero in a currency.
    pub fn zero(currency: CurrencyCode) -> Self {
        Self::new(Decimal::ZERO, currency)
    }

    /// Parses a decimal string such as `"1234.56"` exactly.
    pub fn parse(amount: &str, currency: CurrencyCode) -> Result<Self, MoneyError> {
        let amount = Decimal::from_str(amount.trim())
            .map_err(|_| MoneyError::BadAmount(amount.to_owned()))?;
        Ok(Self::new(amount, currency))
    }

    /// The sum of two amounts of the same currency.
    pub fn checked_add(&self, other: &Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        Ok(Money::new(
            self.amount + other.amount,
            self.currency.clone(),
        ))
    }

    /// The difference of two amounts of the same currency.
    pub fn checked_sub(&self, other: &Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        Ok(Money::new(
            self.amount - other.amount,
            self.currency.clone(),
        ))
    }

    /// The amount rounded to cents, half away from zero (how invoices are totalled).
    pub fn round_to_cents(&self) -> Money {
        Money::new(
            self.amount
                .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
            self.currency.clone(),
        )
    }

    fn same_currency(&self, other: &Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch(
                self.currency.clone(),
                other.currency.clone(),
            ))
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cad() -> CurrencyCode {
        CurrencyCode::new("cad").unwrap()
    }

    #[test]
    fn round_trips_freshbooks_shape_exactly() {
        let json = r#"{"amount":"1234.56","code":"CAD"}"#;
        let money: Money = serde_json::from_str(json).unwrap();
        assert_eq!(money.amount, Decimal::new(123456, 2));
        assert_eq!(serde_json::to_string(&money).unwrap(), json);
    }

    #[test]
    fn keeps_every_digit() {
        let money = Money::parse("0.1", cad()).unwrap();
        let sum = money
            .checked_add(&Money::parse("0.2", cad()).unwrap())
            .unwrap();
        assert_eq!(sum.amount.to_string(), "0.3");
    }

    #[test]
    fn refuses_mixed_currencies() {
        let usd = CurrencyCode::new("USD").unwrap();
        let err = Money::zero(cad())
            .checked_add(&Money::zero(usd))
            .unwrap_err();
        assert!(matches!(err, MoneyError::CurrencyMismatch(_, _)));
    }

    #[test]
    fn rejects_bad_codes_and_amounts() {
        assert!(CurrencyCode::new("CA").is_err());
        assert!(CurrencyCode::new("C4D").is_err());
        assert!(Money::parse("12,50", cad()).is_err());
    }

    #[test]
    fn rounds_half_away_from_zero() {
        let m = Money::parse("2.345", cad()).unwrap().round_to_cents();
        assert_eq!(m.amount.to_string(), "2.35");
    }
}
