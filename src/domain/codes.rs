//! Text-coded enumerations.
//!
//! Every vocabulary of the product (stages, case types, channels...) is stored in
//! the database as a short English code guarded by a CHECK constraint, and sent
//! over the API as the same code. This macro keeps each vocabulary's list of codes
//! in one place so that parsing, printing and the list of allowed values agree.

/// Declares a `Copy` enum whose variants map one-to-one to stable text codes.
///
/// Generates `ALL`, `as_str`, `FromStr` (with [`UnknownCode`] as its error),
/// `Display`, and serde support as the code string.
#[macro_export]
macro_rules! code_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident => $code:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name { $($(#[$vmeta])* $variant,)+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stable code stored in the database and used on the wire.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::domain::codes::UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($code => Ok($name::$variant),)+
                    _ => Err($crate::domain::codes::UnknownCode {
                        vocabulary: stringify!($name),
                        value: s.chars().take(64).collect(),
                    }),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                s.parse().map_err(::serde::de::Error::custom)
            }
        }
    };
}

/// A text that is not one of a vocabulary's codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {vocabulary} code {value:?}")]
pub struct UnknownCode {
    /// The vocabulary's Rust name, e.g. `CaseStage`.
    pub vocabulary: &'static str,
    /// The offending text, cut to 64 characters.
    pub value: String,
}
