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
    use std::fmt::Debug;

    /// Every code of an enum, in the order of `ALL`, after checking each reads back.
    fn codes<T: Copy + PartialEq + Debug>(
        all: &[T],
        code: fn(T) -> &'static str,
        from_code: fn(&str) -> Option<T>,
    ) -> String {
        for variant in all {
            assert_eq!(from_code(code(*variant)), Some(*variant));
        }
        all.iter().map(|v| code(*v)).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn every_code_reads_back_as_its_variant_and_is_the_one_stored_databases_hold() {
        assert_eq!(
            codes(
                IndicatorKind::ALL,
                IndicatorKind::code,
                IndicatorKind::from_code
            ),
            "ratio count"
        );
        assert_eq!(
            codes(Polarity::ALL, Polarity::code, Polarity::from_code),
            "higher_is_better lower_is_better"
        );
        assert_eq!(
            codes(Aggregation::ALL, Aggregation::code, Aggregation::from_code),
            "sum last average"
        );
    }

    #[test]
    fn a_code_is_read_exactly() {
        assert_eq!(Polarity::from_code("Higher_is_better"), None);
    }
}
