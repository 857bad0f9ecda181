//! A strict reading of the JSON contract, for serde's derived
//! `Deserialize` impls.
//!
//! [`Strict`] wraps `serde_json`'s deserializer (the only one it wraps:
//! [`read`](super::read)) and, at every depth of the document:
//!
//! - refuses an array where a struct is expected (serde would read
//!   `[0.5, 6000, true]` as the struct's fields in order);
//! - reads a whole float (`2731.0`, as Python writes it) as an integer,
//!   and refuses anything else for an integer in words, with the unit the
//!   field name gives (`latency_ms`: "a whole number of milliseconds");
//! - names the accepted values of an enum when the value is not a string
//!   (`serde_json` says only "expected value");
//! - says "a number", "an object", "null" where serde would give a Rust
//!   type name (`f64`, `struct CauseJson`, `unit`).
//!
//! It composes with `serde_path_to_error` placed outside it: every
//! accessor is wrapped the same way, so the path tracker sees the same
//! keys and indices. On the success path it allocates nothing.
//!
//! What `serde_json` never calls is left to serde's defaults: a visitor's
//! `visit_string` (it lends every string, to `visit_str` or
//! `visit_borrowed_str`) and `visit_enum` (it presents no enum but through
//! `deserialize_enum`, which [`Strict`] reads as any value), an access's
//! size hint (it gives none) and `is_human_readable` (it is).

use std::fmt;

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, IgnoredAny, Unexpected, Visitor};

/// A deserializer that reads strictly: see the module documentation.
///
/// `unit` is the unit implied by the key the value stands under, kept for
/// the messages of integers and numbers.
pub(crate) struct Strict<D> {
    de: D,
    unit: Unit,
}

impl<D> Strict<D> {
    /// `de`, read strictly.
    pub(crate) fn new(de: D) -> Self {
        Strict {
            de,
            unit: Unit::None,
        }
    }

    /// For the `deserialize_*` methods that change nothing but wrap.
    fn wrap<V>(self, visitor: V) -> (D, Forward<V>) {
        (self.de, Forward::new(visitor, self.unit, Expect::Inner))
    }
}

/// The unit of a value, from the suffix of its key, so that a message can
/// say "a whole number of minutes" rather than only "a whole number".
#[derive(Clone, Copy)]
enum Unit {
    None,
    Milliseconds,
    Seconds,
    Minutes,
    Hours,
}

impl Unit {
    fn of_key(key: &str) -> Self {
        if key.ends_with("_ms") {
            Unit::Milliseconds
        } else if key.ends_with("_secs") {
            Unit::Seconds
        } else if key.ends_with("_minutes") {
            Unit::Minutes
        } else if key.ends_with("_hours") {
            Unit::Hours
        } else {
            Unit::None
        }
    }
}

/// Written after "a whole number" or "a number".
impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Unit::None => "",
            Unit::Milliseconds => " of milliseconds",
            Unit::Seconds => " of seconds",
            Unit::Minutes => " of minutes",
            Unit::Hours => " of hours",
        })
    }
}

/// The `deserialize_*` methods that only wrap the visitor: each forwards
/// to the inner deserializer with the visitor `self.wrap` returns.
macro_rules! forward_deserialize {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, Self::Error> {
            let (de, visitor) = self.wrap(visitor);
            de.$method($($arg,)* visitor)
        }
    )*};
}

/// The integer `deserialize_*` methods: a [`Whole`] visitor with the
/// type's range, so that the inner visitor never says `expected u32`.
macro_rules! whole {
    ($($method:ident: $ty:ty;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            #[allow(
                clippy::cast_lossless,
                clippy::cast_possible_wrap,
                clippy::cast_sign_loss,
                reason = "lossless: the minimum is zero or negative, the maximum positive"
            )]
            let range = Range { min: <$ty>::MIN as i128, max: <$ty>::MAX as u128 };
            self.de.$method(Whole { visitor, unit: self.unit, range })
        }
    )*};
}

impl<'de, D: de::Deserializer<'de>> de::Deserializer<'de> for Strict<D> {
    type Error = D::Error;

    forward_deserialize! {
        deserialize_any();
        deserialize_bool();
        deserialize_char();
        deserialize_bytes();
        deserialize_byte_buf();
        // `null` is `visit_none`, anything else `visit_some`: the inner
        // deserializer's rule, kept; `Forward` wraps what `visit_some` gets.
        deserialize_option();
        deserialize_newtype_struct(name: &'static str);
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map();
        deserialize_identifier();
        deserialize_ignored_any();
    }

    // serde_json reads 128-bit integers with a digit scanner of its own:
    // no whole floats for those two, and its own messages.
    whole! {
        deserialize_u8: u8;
        deserialize_u16: u16;
        deserialize_u32: u32;
        deserialize_u64: u64;
        deserialize_u128: u128;
        deserialize_i8: i8;
        deserialize_i16: i16;
        deserialize_i32: i32;
        deserialize_i64: i64;
        deserialize_i128: i128;
    }

    // A string the inner visitor refuses (a timestamp chrono cannot read)
    // gets a message that says what was expected: chrono's own says only
    // "premature end of input".
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let visitor = Forward::new(visitor, self.unit, Expect::Inner).explaining_strings();
        self.de.deserialize_str(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let visitor = Forward::new(visitor, self.unit, Expect::Inner).explaining_strings();
        self.de.deserialize_string(visitor)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let unit = self.unit;
        self.de.deserialize_f32(Number { visitor, unit })
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let unit = self.unit;
        self.de.deserialize_f64(Number { visitor, unit })
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let visitor = Forward::new(visitor, self.unit, Expect::Array);
        self.de.deserialize_seq(visitor)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let visitor = Forward::new(visitor, self.unit, Expect::Null);
        self.de.deserialize_unit(visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        let visitor = Forward::new(visitor, self.unit, Expect::Null);
        self.de.deserialize_unit_struct(name, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_struct(name, fields, Object { visitor })
    }

    // serde_json's own `deserialize_enum` answers a number or `null` with
    // a bare "expected value": read the value as it is, then decide.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.de.deserialize_any(Choice { visitor, variants })
    }
}

/// What a [`Forward`] visitor says it expects.
#[derive(Clone, Copy)]
enum Expect {
    /// What the inner visitor says.
    Inner,
    /// "null", where serde would say `unit`.
    Null,
    /// "an array", the JSON word, where serde would say "a sequence".
    Array,
}

/// The visitor of the methods [`Strict`] does not change: it forwards
/// every `visit_*`, and wraps every accessor and deserializer it hands
/// on, so that what is nested is read strictly too.
struct Forward<V> {
    visitor: V,
    unit: Unit,
    expect: Expect,
    /// Whether a string the visitor refuses is explained (see
    /// [`Explained`]).
    explain_strings: bool,
}

impl<V> Forward<V> {
    fn new(visitor: V, unit: Unit, expect: Expect) -> Self {
        Forward {
            visitor,
            unit,
            expect,
            explain_strings: false,
        }
    }

    fn explaining_strings(mut self) -> Self {
        self.explain_strings = true;
        self
    }
}

impl<'de, V: Visitor<'de>> Forward<V> {
    /// `visit` on the visitor; when it refuses the string `v`, the refusal
    /// says what was expected, from the visitor's own words.
    fn string<E: de::Error>(
        self,
        v: &str,
        visit: impl FnOnce(V) -> Result<V::Value, E>,
    ) -> Result<V::Value, E> {
        if !self.explain_strings {
            return visit(self.visitor);
        }
        let expected = Explained::of(&self.visitor);
        visit(self.visitor).map_err(|e| {
            E::custom(format_args!(
                "invalid value: string {v:?}, expected {} ({e})",
                expected.as_str()
            ))
        })
    }
}

/// What a visitor expects, written down before the visitor is used up:
/// at most 96 bytes on the stack, so that reading a string allocates
/// nothing.
struct Explained {
    bytes: [u8; 96],
    len: usize,
}

impl Explained {
    fn of<'de, V: Visitor<'de>>(visitor: &V) -> Self {
        struct Expecting<'a, V>(&'a V);
        impl<'de, V: Visitor<'de>> fmt::Display for Expecting<'_, V> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.expecting(f)
            }
        }
        let mut explained = Explained {
            bytes: [0; 96],
            len: 0,
        };
        // Longer words are cut at a character boundary; nothing fails.
        let _ = fmt::Write::write_fmt(&mut explained, format_args!("{}", Expecting(visitor)));
        explained
    }

    fn as_str(&self) -> &str {
        self.bytes
            .get(..self.len)
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .unwrap_or("a string")
    }
}

impl fmt::Write for Explained {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let room = self.bytes.len() - self.len;
        let mut take = s.len().min(room);
        while !s.is_char_boundary(take) {
            take -= 1;
        }
        if let (Some(to), Some(from)) = (
            self.bytes.get_mut(self.len..self.len + take),
            s.as_bytes().get(..take),
        ) {
            to.copy_from_slice(from);
            self.len += take;
        }
        Ok(())
    }
}

/// `visit_*` methods forwarded unchanged to `self.visitor`.
macro_rules! forward_visit {
    ($($method:ident($ty:ty);)*) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            self.visitor.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Forward<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.expect {
            Expect::Inner => self.visitor.expecting(f),
            Expect::Null => f.write_str("null"),
            Expect::Array => f.write_str("an array"),
        }
    }

    forward_visit! {
        visit_bool(bool);
        visit_i8(i8);
        visit_i16(i16);
        visit_i32(i32);
        visit_i64(i64);
        visit_i128(i128);
        visit_u8(u8);
        visit_u16(u16);
        visit_u32(u32);
        visit_u64(u64);
        visit_u128(u128);
        visit_f32(f32);
        visit_f64(f64);
        visit_char(char);
        visit_bytes(&[u8]);
        visit_borrowed_bytes(&'de [u8]);
        visit_byte_buf(Vec<u8>);
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.string(v, |visitor| visitor.visit_str(v))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.string(v, |visitor| visitor.visit_borrowed_str(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_unit()
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_none()
    }

    fn visit_some<D: de::Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_some(Strict {
            de,
            unit: self.unit,
        })
    }

    fn visit_newtype_struct<D: de::Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_newtype_struct(Strict {
            de,
            unit: self.unit,
        })
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_seq(StrictSeq {
            seq,
            unit: self.unit,
        })
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(StrictMap::new(map))
    }
}

/// The visitor of a struct: an object only. serde's derived visitors also
/// take an array as the fields in order, and call themselves `struct
/// CauseJson`; this one refuses the array and says "an object".
struct Object<V> {
    visitor: V,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Object<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _seq: A) -> Result<V::Value, A::Error> {
        Err(de::Error::invalid_type(Unexpected::Other("array"), &self))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(StrictMap::new(map))
    }
}

/// The visitor of a float: any number, integers and whole floats
/// included, NaN and infinities too (the library checks ranges). Anything
/// else is refused here, before the inner visitor can say `f64`.
struct Number<V> {
    visitor: V,
    unit: Unit,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Number<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a number{}", self.unit)
    }

    forward_visit! {
        visit_u64(u64);
        visit_i64(i64);
        visit_f64(f64);
    }
}

/// The range of an integer type, for [`Whole`]: wide enough for all of
/// them, `u128` included.
#[derive(Clone, Copy)]
struct Range {
    min: i128,
    max: u128,
}

/// The visitor of an integer: takes any number with no fractional part
/// within the type's range, and hands it to the inner visitor as the inner
/// deserializer would an integer (64 bits where it fits). Anything else is
/// refused here, in words, before the inner visitor can say `u32`.
struct Whole<V> {
    visitor: V,
    unit: Unit,
    range: Range,
}

/// "a whole number of minutes from 0 to 4294967295": what a [`Whole`]
/// expects, once the value is known to be a whole number.
struct InRange {
    unit: Unit,
    range: Range,
}

impl de::Expected for InRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a whole number{} from {} to {}",
            self.unit, self.range.min, self.range.max
        )
    }
}

impl<'de, V: Visitor<'de>> Whole<V> {
    fn unsigned<E: de::Error>(self, v: u128, unexpected: Unexpected<'_>) -> Result<V::Value, E> {
        if v > self.range.max {
            return Err(self.out_of_range(unexpected));
        }
        match u64::try_from(v) {
            Ok(v) => self.visitor.visit_u64(v),
            Err(_) => self.visitor.visit_u128(v),
        }
    }

    /// A signed integer not below zero is handed on as unsigned, as
    /// `serde_json` hands a number without a minus sign.
    fn signed<E: de::Error>(self, v: i128, unexpected: Unexpected<'_>) -> Result<V::Value, E> {
        if let Ok(v) = u128::try_from(v) {
            return self.unsigned(v, unexpected);
        }
        if v < self.range.min {
            return Err(self.out_of_range(unexpected));
        }
        match i64::try_from(v) {
            Ok(v) => self.visitor.visit_i64(v),
            Err(_) => self.visitor.visit_i128(v),
        }
    }

    fn out_of_range<E: de::Error>(&self, unexpected: Unexpected<'_>) -> E {
        E::invalid_value(
            unexpected,
            &InRange {
                unit: self.unit,
                range: self.range,
            },
        )
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Whole<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a whole number{}", self.unit)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.unsigned(u128::from(v), Unexpected::Unsigned(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<V::Value, E> {
        self.signed(i128::from(v), Unexpected::Signed(v))
    }

    // `Unexpected` has no 128-bit variants.
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<V::Value, E> {
        self.unsigned(v, Unexpected::Other("integer"))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<V::Value, E> {
        self.signed(v, Unexpected::Other("integer"))
    }

    #[allow(
        clippy::cast_possible_truncation,
        reason = "a whole float casts exactly, or saturates beyond every range a float reaches"
    )]
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        if !v.is_finite() || v.fract() != 0.0 {
            return Err(E::invalid_type(Unexpected::Float(v), &self));
        }
        // A whole float below 2^127 in size is an `i128` exactly (`-0.0`
        // is 0). A larger one saturates at `i128::MIN` or `i128::MAX`,
        // beyond the range of every integer a float reaches here: a 128-bit
        // integer `serde_json` reads with its own digit scanner, never as
        // a float.
        self.signed(v as i128, Unexpected::Float(v))
    }
}

/// `one of "P1", "P2", "P3", "P4"`: the values of an enum, as JSON.
struct Variants(&'static [&'static str]);

impl de::Expected for Variants {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names = self.0.iter();
        let Some(first) = names.next() else {
            return f.write_str("nothing (there are no values)");
        };
        write!(f, "one of \"{first}\"")?;
        for name in names {
            write!(f, ", \"{name}\"")?;
        }
        Ok(())
    }
}

/// The visitor of an enum: a string is the variant of that name, an object
/// the variant of its single key; anything else is refused with the list
/// of variants.
struct Choice<V> {
    visitor: V,
    variants: &'static [&'static str],
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Choice<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        de::Expected::fmt(&Variants(self.variants), f)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.visitor.visit_enum(StrDeserializer::new(v))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.visitor.visit_enum(BorrowedStrDeserializer::new(v))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_enum(ObjectEnum {
            map: StrictMap::new(map),
            variants: self.variants,
        })
    }
}

/// An enum written `{"variant": payload}`. serde's `MapAccessDeserializer`
/// would do, but it answers `{}` with `expected enum` and leaves a second
/// key to `serde_json`, which calls it a trailing comma.
struct ObjectEnum<A> {
    map: A,
    variants: &'static [&'static str],
}

impl<'de, A: de::MapAccess<'de>> ObjectEnum<A> {
    /// After the payload: no second key.
    fn end(mut self) -> Result<(), A::Error> {
        match self.map.next_key::<IgnoredAny>()? {
            None => Ok(()),
            Some(IgnoredAny) => Err(de::Error::invalid_value(
                Unexpected::Other("object of more than one key"),
                &Variants(self.variants),
            )),
        }
    }
}

impl<'de, A: de::MapAccess<'de>> de::EnumAccess<'de> for ObjectEnum<A> {
    type Error = A::Error;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(
        mut self,
        seed: S,
    ) -> Result<(S::Value, Self), A::Error> {
        match self.map.next_key_seed(seed)? {
            Some(variant) => Ok((variant, self)),
            None => Err(de::Error::invalid_type(
                Unexpected::Other("empty object"),
                &Variants(self.variants),
            )),
        }
    }
}

impl<'de, A: de::MapAccess<'de>> de::VariantAccess<'de> for ObjectEnum<A> {
    type Error = A::Error;

    fn unit_variant(mut self) -> Result<(), A::Error> {
        self.map.next_value::<()>()?;
        self.end()
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(
        mut self,
        seed: S,
    ) -> Result<S::Value, A::Error> {
        let value = self.map.next_value_seed(seed)?;
        self.end().map(|()| value)
    }

    fn tuple_variant<V: Visitor<'de>>(
        mut self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        let value = self.map.next_value_seed(Payload::Tuple(len, visitor))?;
        self.end().map(|()| value)
    }

    fn struct_variant<V: Visitor<'de>>(
        mut self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        let value = self.map.next_value_seed(Payload::Struct(fields, visitor))?;
        self.end().map(|()| value)
    }
}

/// The payload of a tuple or struct variant of an [`ObjectEnum`], read
/// through the map's value deserializer (a [`Strict`]).
enum Payload<V> {
    Tuple(usize, V),
    Struct(&'static [&'static str], V),
}

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for Payload<V> {
    type Value = V::Value;

    fn deserialize<D: de::Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        match self {
            Payload::Tuple(len, visitor) => de.deserialize_tuple(len, visitor),
            Payload::Struct(fields, visitor) => de.deserialize_struct("", fields, visitor),
        }
    }
}

/// The elements of an array, each read through [`Strict`] with the
/// array's unit (a `Vec<u32>` under `*_minutes` holds minutes).
struct StrictSeq<A> {
    seq: A,
    unit: Unit,
}

impl<'de, A: de::SeqAccess<'de>> de::SeqAccess<'de> for StrictSeq<A> {
    type Error = A::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        self.seq.next_element_seed(StrictSeed {
            seed,
            unit: self.unit,
        })
    }
}

/// The entries of an object: each key is watched for its unit, each value
/// read through [`Strict`] with that unit.
struct StrictMap<A> {
    map: A,
    /// The unit of the last key read.
    unit: Unit,
}

impl<A> StrictMap<A> {
    fn new(map: A) -> Self {
        StrictMap {
            map,
            unit: Unit::None,
        }
    }
}

impl<'de, A: de::MapAccess<'de>> de::MapAccess<'de> for StrictMap<A> {
    type Error = A::Error;

    fn next_key_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        // A key that is not a string has no unit.
        self.unit = Unit::None;
        self.map.next_key_seed(KeySeed {
            seed,
            unit: &mut self.unit,
        })
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.map.next_value_seed(StrictSeed {
            seed,
            unit: self.unit,
        })
    }
}

/// A value's seed, given the value's deserializer wrapped in [`Strict`].
struct StrictSeed<S> {
    seed: S,
    unit: Unit,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for StrictSeed<S> {
    type Value = S::Value;

    fn deserialize<D: de::Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Strict {
            de,
            unit: self.unit,
        })
    }
}

/// A key's seed: the key is read as the inner deserializer reads it,
/// through a [`KeyDe`] that notes its unit on the way.
struct KeySeed<'a, S> {
    seed: S,
    unit: &'a mut Unit,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, S> {
    type Value = S::Value;

    fn deserialize<D: de::Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(KeyDe {
            de,
            unit: self.unit,
        })
    }
}

/// A key's deserializer: unchanged, but for a [`KeyVisitor`] around
/// whatever visitor the key's seed brings. Keys are not made strict.
struct KeyDe<'a, D> {
    de: D,
    unit: &'a mut Unit,
}

impl<'a, D> KeyDe<'a, D> {
    fn wrap<V>(self, visitor: V) -> (D, KeyVisitor<'a, V>) {
        let unit = self.unit;
        (self.de, KeyVisitor { visitor, unit })
    }
}

impl<'de, D: de::Deserializer<'de>> de::Deserializer<'de> for KeyDe<'_, D> {
    type Error = D::Error;

    forward_deserialize! {
        deserialize_any();
        deserialize_bool();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_f32();
        deserialize_f64();
        deserialize_char();
        deserialize_str();
        deserialize_string();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_option();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_seq();
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier();
        deserialize_ignored_any();
    }
}

/// A key's visitor: notes the unit of a string key, borrowing it, and
/// forwards everything unchanged.
struct KeyVisitor<'a, V> {
    visitor: V,
    unit: &'a mut Unit,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        *self.unit = Unit::of_key(v);
        self.visitor.visit_str(v)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        *self.unit = Unit::of_key(v);
        self.visitor.visit_borrowed_str(v)
    }

    forward_visit! {
        visit_bool(bool);
        visit_i8(i8);
        visit_i16(i16);
        visit_i32(i32);
        visit_i64(i64);
        visit_i128(i128);
        visit_u8(u8);
        visit_u16(u16);
        visit_u32(u32);
        visit_u64(u64);
        visit_u128(u128);
        visit_f32(f32);
        visit_f64(f64);
        visit_char(char);
        visit_bytes(&[u8]);
        visit_borrowed_bytes(&'de [u8]);
        visit_byte_buf(Vec<u8>);
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_unit()
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_none()
    }

    fn visit_some<D: de::Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_some(de)
    }

    fn visit_newtype_struct<D: de::Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_newtype_struct(de)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_seq(seq)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(map)
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, access: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_enum(access)
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use super::Explained;

    fn explained(parts: &[&str]) -> String {
        let mut explained = Explained {
            bytes: [0; 96],
            len: 0,
        };
        for part in parts {
            let _ = explained.write_str(part);
        }
        explained.as_str().to_owned()
    }

    /// What a visitor expects is kept whole up to 96 bytes, written in
    /// as many parts as the formatter makes.
    #[test]
    fn explained_words_fill_96_bytes_and_no_more() {
        let a90 = "a".repeat(90);
        assert_eq!(explained(&[&a90, "bbbbbb"]), format!("{a90}bbbbbb"));
        assert_eq!(explained(&[&a90, "bbbbbbbbbb"]), format!("{a90}bbbbbb"));
        assert_eq!(explained(&[&a90, "bbbbbb", "c"]), format!("{a90}bbbbbb"));
    }

    /// Longer words are cut at the last character boundary that fits:
    /// `é` is two bytes, and only one is left.
    #[test]
    fn explained_words_are_cut_at_a_character_boundary() {
        let a94 = "a".repeat(94);
        assert_eq!(explained(&[&a94, "bé"]), format!("{a94}b"));
        assert_eq!(explained(&[&a94, "éé"]), format!("{a94}é"));
        assert_eq!(explained(&[&"a".repeat(95), "é"]), "a".repeat(95));
    }
}
