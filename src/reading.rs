//! Reading the crate's inputs: what every strict JSON form shares.

use serde::Deserialize;

/// A field whose `null` means the same as leaving it out: not stated, so
/// its default. Absent fields never reach it; `#[serde(default)]` covers them.
pub(crate) fn null_is_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}
