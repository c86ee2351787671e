// SPIKECORE_VECTOR_CLONES on a hot integer loop: GCC compiles the function
// twice, for AVX2 and for baseline x86-64, and the loader picks the one this
// CPU runs (an ifunc). Baseline SSE2 has no 32-bit min/max or 8-to-32-bit
// widening, so the neuron update stays scalar without it. Integer code only:
// both versions compute the same bits.
#pragma once

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__)
#define SPIKECORE_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define SPIKECORE_VECTOR_CLONES
#endif
