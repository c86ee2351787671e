// Fixed-width integer vectors (GCC vector extensions) for the hot loops of
// the golden model, the integer reference and the benchmark's reference loop,
// and the conversions between them that GCC 12 would otherwise lower lane by
// lane: __builtin_convertvector between 8-bit and 32-bit lanes compiles to
// eight extracts or inserts and as many scalar moves, while a byte shuffle
// does it in a few vector instructions (measured: docs/profile-systemc.md).
#pragma once

#include <cstdint>
#include <cstring>

namespace spikecore::simd {

typedef int32_t Int32x8 __attribute__((vector_size(32)));
typedef int16_t Int16x8 __attribute__((vector_size(16)));
typedef int16_t Int16x16 __attribute__((vector_size(32)));
typedef int8_t Int8x8 __attribute__((vector_size(8)));
typedef int8_t Int8x16 __attribute__((vector_size(16)));
typedef uint8_t UInt8x8 __attribute__((vector_size(8)));
typedef uint8_t UInt8x32 __attribute__((vector_size(32)));

// Unaligned loads and stores (memcpy: no alignment or aliasing assumptions).
template <typename V, typename T>
inline V load(const T* p) {
  V v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
template <typename T, typename V>
inline void store(T* p, const V& v) {
  std::memcpy(p, &v, sizeof v);
}

// Eight bytes at p (sign- or zero-extended as T is signed) as int32 lanes,
// through 16-bit lanes; reads exactly eight bytes.
template <typename T>
inline Int32x8 widen_bytes(const T* p) {
  static_assert(sizeof(T) == 1, "bytes only");
  typedef T Bytes8 __attribute__((vector_size(8)));
  typedef T Bytes16 __attribute__((vector_size(16)));
  const Bytes8 b = load<Bytes8>(p);
  const Bytes16 twice = __builtin_shufflevector(b, b, 0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7);
  const Int16x16 h = __builtin_convertvector(twice, Int16x16);
  return __builtin_convertvector(__builtin_shufflevector(h, h, 0, 1, 2, 3, 4, 5, 6, 7), Int32x8);
}

// The low byte of each int32 lane.
inline UInt8x8 low_bytes(const Int32x8& v) {
  const UInt8x32 b = (UInt8x32)v;
  return __builtin_shufflevector(b, b, 0, 4, 8, 12, 16, 20, 24, 28);
}

}  // namespace spikecore::simd
