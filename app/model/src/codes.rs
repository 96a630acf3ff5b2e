//! Stable codes for the model's small enums: what storage writes, what forms post and what the
//! wire carries. One list per enum, here beside nothing else, so a code is typed once.

/// `codes! { Enum { Variant => "code", ... } }` gives `Enum::ALL` (in the order listed),
/// `code()` and `from_code()`.
macro_rules! codes {
    ($($(#[$doc:meta])* $type:ident { $($variant:ident => $code:literal),+ $(,)? })+) => {
        $(impl $type {
            $(#[$doc])*
            pub const ALL: &'static [$type] = &[$($type::$variant),+];

            /// The stable code for storage, forms and the wire.
            pub fn code(self) -> &'static str {
                match self {
                    $($type::$variant => $code),+
                }
            }

            pub fn from_code(code: &str) -> Option<$type> {
                $type::ALL.iter().copied().find(|v| v.code() == code)
            }
        })+
    };
}

pub(crate) use codes;

#[cfg(test)]
mod tests {
    use crate::{Aggregation, IndicatorKind, Polarity};

    #[test]
    fn every_code_reads_back_as_its_variant() {
        for kind in IndicatorKind::ALL {
            assert_eq!(IndicatorKind::from_code(kind.code()), Some(*kind));
        }
        for polarity in Polarity::ALL {
            assert_eq!(Polarity::from_code(polarity.code()), Some(*polarity));
        }
        for aggregation in Aggregation::ALL {
            assert_eq!(
                Aggregation::from_code(aggregation.code()),
                Some(*aggregation)
            );
        }
        assert_eq!(Polarity::from_code("Higher_is_better"), None);
    }

    #[test]
    fn the_codes_are_the_ones_stored_databases_hold() {
        let codes = |all: &[&str]| all.join(" ");
        assert_eq!(
            codes(
                &IndicatorKind::ALL
                    .iter()
                    .map(|k| k.code())
                    .collect::<Vec<_>>()
            ),
            "ratio count"
        );
        assert_eq!(
            codes(&Polarity::ALL.iter().map(|p| p.code()).collect::<Vec<_>>()),
            "higher_is_better lower_is_better"
        );
        assert_eq!(
            codes(
                &Aggregation::ALL
                    .iter()
                    .map(|a| a.code())
                    .collect::<Vec<_>>()
            ),
            "sum last average"
        );
    }
}
