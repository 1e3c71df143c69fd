// checker: the value model of evaluation: how a value of a weft type is laid out as int64
// "cells" (the same flattening as ir.h's leaves, holding actual values, not value - lo),
// plus the order of the values of finite types (index_of / value_of) used by set bitsets.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "compiler/types.h"

namespace checker {

using compiler::Type;
using compiler::TypeKind;

// Scalar: one cell. Fixed: `size` cells (a finite-shaped composite). Dyn: a set whose element
// type is unbounded or too large for a bitset: a sorted, duplicate-free vector of elements of
// `elem_size` cells each (lexicographic order on cells).
enum class Repr : std::uint8_t { Scalar, Fixed, Dyn };

struct Shape {
  Repr repr = Repr::Scalar;
  std::uint32_t size = 1;       // cells (Scalar/Fixed)
  std::uint32_t elem_size = 1;  // Dyn: cells per element
  bool ok = true;               // false: a type the engine cannot represent
};

// Sets over element types with more values than this are Dyn rather than bitsets.
inline constexpr std::uint64_t kMaxBitsetCard = 1u << 16;

bool is_scalar_type(const Type* t);
// The shape of a value of type t (cached by the caller if needed).
Shape shape_of(const Type* t);
// Cells of a Fixed or Scalar type (== leaves of a stored value of that type).
std::uint32_t flat_size(const Type* t);
// True if a value of t contains a sequence (then unused slots must be kept canonical: 0).
bool contains_seq(const Type* t);
// Number of values of a finite type (nullopt for Int or too large).
std::optional<std::uint64_t> card_of(const Type* t);

// Position of a scalar value in a finite scalar type's order, or -1 when it is not a value.
inline std::int64_t scalar_index(const Type* t, std::int64_t v) {
  switch (t->kind) {
    case TypeKind::Bool:
      return (v == 0 || v == 1) ? v : -1;
    case TypeKind::Range:
      return (v >= t->lo && v <= t->hi) ? v - t->lo : -1;
    case TypeKind::Enum:
      return (v >= 0 && static_cast<std::uint64_t>(v) < t->enum_size()) ? v : -1;
    default:
      return -1;
  }
}
inline std::int64_t scalar_value(const Type* t, std::int64_t index) {
  return t->kind == TypeKind::Range ? t->lo + index : index;
}

// Position of a value (cells in t's Fixed layout) in t's value order, or -1. Order: scalars as
// ir.h says; records, functions: lexicographic, first field / first domain element most
// significant; sets: as the bitset read as a number with the first element least
// significant... (see value_model.cpp); sequences: by length, then lexicographic.
std::int64_t index_of(const Type* t, const std::int64_t* cells);
// Writes the cells of the value at position `index` of t.
void value_of(const Type* t, std::uint64_t index, std::int64_t* out);

// Converts a Fixed value of type `from` into type `to` (same structure up to ranges; sets
// re-indexed). Returns false if some set element is not a value of the target element type.
bool convert_fixed(const Type* from, const Type* to, const std::int64_t* src, std::int64_t* dst);
// Elements of a Fixed set value (bitset over elem type) as a Dyn vector in the target element
// layout `to_elem` (cells of the element, converted).
void bitset_to_dyn(const Type* set_type, const std::int64_t* bits, const Type* to_elem,
                   std::vector<std::int64_t>& out);
// Dyn elements (of type from_elem) into a bitset of set_type; false if one is not a value.
bool dyn_to_bitset(const Type* from_elem, const std::vector<std::int64_t>& elems,
                   const Type* set_type, std::int64_t* bits);

// Sorts a Dyn vector of elements (elem_size cells each) and removes duplicates.
void dyn_normalize(std::vector<std::int64_t>& v, std::uint32_t elem_size);
bool dyn_contains(const std::vector<std::int64_t>& v, std::uint32_t elem_size, const std::int64_t* e);

// Makes unused sequence slots 0 (canonical form) in place.
void canonicalize(const Type* t, std::int64_t* cells);

}  // namespace checker
