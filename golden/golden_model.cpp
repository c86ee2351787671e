// Step loop of the golden model. The three phases of docs/isa.md section 2 are
// executed with one reordering that cannot be observed: the event phase of
// step t+1 (ACC of every spike fired in step t) is performed while those
// spikes are fired, in the fire phase of step t. Nothing reads or writes the
// accumulators between the two (they were reset after the partial-sum phase of
// step t), so the accumulator contents at barrier A of step t+1 are the same.
// Spikes fired in the last step are never delivered (their event phase would
// belong to step T, which is not run): they count as spikes and flits only.
//
// Autonomous neurons (inputs: nothing but their own bias drives them) are run
// for all T steps before step 0, which fixes their spike trains; their counts
// and counters follow from the trains. One that fires in nearly every step
// from its first spike on is delivered as a standing contribution: its
// weights are added once into standing accumulators, which the partial-sum
// phase copies into the accumulators instead of zeroing them, and a step in
// which it stays silent subtracts them. Only fan-outs into cores that cannot
// clip are delivered so (their adds commute), so the accumulators hold the
// same sums at every partial-sum phase as with one add per spike.
#include "golden/golden_model.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>
#include <string>

#include "common/simd.h"
#include "common/vector_clones.h"
#include "golden/autonomous_trains.h"
#include "golden/execution_plan.h"

namespace spikecore::golden {

struct GoldenModel::Impl {
  explicit Impl(const isa::ChipConfig& chip);
  void run(const uint8_t* pixels, unsigned timesteps, RunResult& out);

 private:
  void clear(const uint8_t* pixels);
  void gather_autonomous_neurons(unsigned timesteps);
  void count_soma_clips(const FirePhaseOp& op, const uint8_t* flags, uint32_t n, Counters& counters);
  void simulate_autonomous_neurons(unsigned timesteps, Counters& counters);
  void count_autonomous_spikes(unsigned timesteps, Counters& counters);
  void record_autonomous_spikes(uint32_t first, uint32_t end, unsigned t);
  void scatter_autonomous_neurons();
  void clear_standing_contributions();
  void partial_sum_phase(Counters& counters);
  void fire_phase(unsigned t, bool deliver_spikes, Counters& counters);
  void read_out(RunResult& out) const;

  ExecutionPlan plan_;
  // Architectural state, indexed by global neuron id / global accumulator index.
  std::vector<int16_t> membrane_;
  std::vector<int32_t> soma_input_;  // zero between steps
  std::vector<uint16_t> spike_count_;
  std::vector<int16_t> bias_;        // configured bias, pixels written into input neurons
  std::vector<int16_t> acc_;         // packed; zero except in dirty segments
  SaturationsByCore* saturations_ = nullptr;  // the RunResult's, while run() runs
  // Bit s: segment s of the packed accumulators received an ACC since the last
  // partial-sum phase (a bitmap: setting a bit is branch-free and needs no char
  // store, which would make the compiler assume every other array may have changed).
  std::vector<uint64_t> dirty_segments_;
  // The standing contributions (see the file comment): packed like acc_, and
  // the segments in which they can be non-zero.
  std::vector<int16_t> standing_acc_;
  std::vector<uint64_t> standing_segments_;
  // The neurons of autonomous FIREs that can change in this sample, packed
  // (autonomous FIRE a's are [active_begin_[a], active_begin_[a + 1])): the
  // others start below their threshold and get no bias, so they never change.
  // The arrays are sized once, for every autonomous slot and the padding, and
  // filled by index [0, size): no capacity check per neuron.
  struct ActiveNeurons {
    uint32_t size = 0;
    std::vector<uint32_t> id;
    std::vector<int16_t> v, bias, threshold;
    std::vector<uint8_t> bias_start, flags;
    void allocate(size_t capacity) {
      id.resize(capacity), v.resize(capacity), bias.resize(capacity);
      threshold.resize(capacity), bias_start.resize(capacity);
      flags.resize(capacity + 8);
    }
  } active_;
  static constexpr uint32_t kNoNeuron = UINT32_MAX;  // padding
  // Autonomous FIRE a's active neurons are [active_begin_[a], active_begin_[a + 1]).
  std::vector<uint32_t> active_begin_;
  // Per active autonomous neuron k (bit k % 64 of word k / 64): whether it
  // spiked in step t (spike_bits_[t * words + k / 64]), whether it is
  // delivered as a standing contribution, and whether that has begun.
  std::vector<uint64_t> spike_bits_, standing_bits_, started_bits_;
  // Per active autonomous neuron: spikes in all steps, first step with a
  // delivered spike (steps 0 .. T-2).
  std::vector<uint32_t> spikes_, first_spike_;
  AutonomousTrainCache trains_;  // kept across runs: pixels repeat
  // The spike record while a run runs (copied into the RunResult at its end):
  // room is made by growing the buffer only, so that writing a FIRE's spikes
  // neither zero-fills nor shrinks anything.
  struct SpikeRecordBuffer {
    std::vector<uint32_t> ids;
    size_t size = 0;
    uint32_t* room(size_t n) {  // space for n more ids at the end
      if (ids.size() < size + n) ids.resize(std::max(2 * ids.size(), size + n));
      return ids.data() + size;
    }
  } record_;
  // No autonomous spike reaches a core that can clip: their adds commute with
  // every other add, so a step delivers all of them at once, after its FIREs.
  bool autonomous_adds_commute_ = true;
};

GoldenModel::Impl::Impl(const isa::ChipConfig& chip)
    : plan_(build_plan(chip)),
      membrane_(plan_.initial_potential),
      soma_input_(plan_.num_neurons, 0),
      spike_count_(plan_.num_neurons, 0),
      bias_(plan_.bias),
      acc_(plan_.packed_accumulators, 0),
      dirty_segments_((plan_.segments.size() + 63) / 64, 0),
      standing_acc_(plan_.packed_accumulators, 0),
      standing_segments_(dirty_segments_.size(), 0) {
  size_t autonomous_slots = 0, batches = 0;
  for (const FirePhaseOp& op : plan_.fire_phase) {
    if (!op.autonomous) continue;
    autonomous_slots += op.end - op.begin;
    batches += op.batch_end != 0;  // the first FIRE of a batch
    for (uint32_t g = op.begin; g < op.end; ++g)
      autonomous_adds_commute_ = autonomous_adds_commute_ && plan_.fan_out[g].never_clips;
  }
  active_.allocate(autonomous_slots + 63 * batches);  // each batch padded to whole words
}

// CLEAR, then the host writes each pixel byte into its input neuron's bias.
// Only slots a FIRE or LEAK covers can have changed; the others keep their
// initial potential from construction. Soma inputs and accumulators are
// already zero: every run leaves them so.
void GoldenModel::Impl::clear(const uint8_t* pixels) {
  for (const IndexRange& r : plan_.live_ranges) {
    std::copy(plan_.initial_potential.begin() + r.begin, plan_.initial_potential.begin() + r.end,
              membrane_.begin() + r.begin);
    std::fill(spike_count_.begin() + r.begin, spike_count_.begin() + r.end, uint16_t(0));
  }
  for (size_t i = 0; i < plan_.input_neurons.size(); ++i)
    bias_[plan_.input_neurons[i]] = int16_t(pixels[i]);
}

namespace {

// The short loops below go in whole vectors (GCC vector extensions: AVX2
// registers where the CPU has them, pairs of SSE2 ones elsewhere): runs and
// PSUMs are mostly 8 to 64 long, too short for the auto-vectorizer, whose
// loops would spend them in their scalar tails.
using simd::Int16x8;
using simd::Int16x16;
using simd::Int32x8;
using simd::Int8x8;
using simd::Int8x16;
using simd::load;
using simd::store;

// What one spike adds along one run (kSign -1: what a silent step of a
// standing contribution takes back).
template <int kSign = 1>
inline void add_weights(uint32_t cols, int16_t* a, const int8_t* w) {
  uint32_t j = 0;
  for (; j + 16 <= cols; j += 16)
    store(a + j, load<Int16x16>(a + j) +
                     int16_t(kSign) * __builtin_convertvector(load<Int8x16>(w + j), Int16x16));
  if (j + 8 <= cols) {
    store(a + j,
          load<Int16x8>(a + j) + int16_t(kSign) * __builtin_convertvector(load<Int8x8>(w + j), Int16x8));
    j += 8;
  }
  for (; j < cols; ++j) a[j] = int16_t(a[j] + kSign * w[j]);
}

inline void copy_accumulators(int16_t* acc, const int16_t* from, uint32_t count) {
  uint32_t j = 0;
  for (; j + 8 <= count; j += 8) store(acc + j, load<Int16x8>(from + j));
  for (; j < count; ++j) acc[j] = from[j];
}

// A PSUM: adds the accumulators to the soma inputs and counts the non-zero
// ones (the packets sent) in `sent`, lane by lane (summed once per phase).
// Adding a zero changes nothing, so no branch.
inline void send_partial_sums(uint32_t count, const int16_t* value, int32_t* dst, Int32x8& sent,
                              uint32_t& sent_in_tail) {
  uint32_t j = 0;
  for (; j + 8 <= count; j += 8) {
    const Int32x8 v = __builtin_convertvector(load<Int16x8>(value + j), Int32x8);
    store(dst + j, load<Int32x8>(dst + j) + v);
    sent -= v != 0;  // -1 in each lane that is non-zero
  }
  for (; j < count; ++j) {
    dst[j] += value[j];
    sent_in_tail += value[j] != 0;
  }
}

inline void zero_accumulators(int16_t* acc, uint32_t count) {
  uint32_t j = 0;
  for (; j + 8 <= count; j += 8) store(acc + j, Int16x8{});
  for (; j < count; ++j) acc[j] = 0;
}

// The plan's arrays as plain pointers, held by the caller: a store through
// memcpy (store()) may alias any object, so pointers read from the plan's
// vectors inside the per-spike loop would be reloaded after every add.
struct FanOutArrays {
  const SynapseRun* runs;
  const int8_t* weights;
  const DirtyMark* marks;
};

// ACC of one spike in every destination core (the event phase of the next
// step, see the file comment); marks the segments written dirty, adds the
// clipped adds to their core's count and returns how many adds clipped.
__attribute__((always_inline)) inline uint32_t accumulate(const FanOut& fan_out,
                                                          FanOutArrays arrays, int16_t* acc,
                                                          uint64_t* dirty_segments,
                                                          uint64_t* acc_clips_by_core) {
  const SynapseRun* runs = arrays.runs;
  const int8_t* weights = arrays.weights;
  const DirtyMark* marks = arrays.marks;
  if (fan_out.single) {
    add_weights(fan_out.single_cols, acc + fan_out.single_acc_index,
                weights + fan_out.single_weight_index);
    dirty_segments[fan_out.single_mark.word] |= fan_out.single_mark.bits;
    return 0;
  }
  uint32_t clipped = 0;
  for (uint32_t r = fan_out.first_run; r < fan_out.end_run; ++r) {
    const SynapseRun& run = runs[r];
    int16_t* a = acc + run.acc_index;
    const int8_t* w = weights + run.weight_index;
    const uint32_t cols = run.cols;
    if (!run.saturating) {
      add_weights(cols, a, w);
    } else {
      uint32_t clipped_here = 0;
      for (uint32_t j = 0; j < cols; ++j) {
        bool clip = false;
        a[j] = isa::saturate16(int64_t(a[j]) + w[j], &clip);
        clipped_here += clip;
      }
      acc_clips_by_core[run.core] += clipped_here;
      clipped += clipped_here;
    }
  }
  for (uint32_t m = fan_out.first_mark; m < fan_out.end_mark; ++m)
    dirty_segments[marks[m].word] |= marks[m].bits;
  return clipped;
}

// The first delivered spike of a standing contribution: the spike's ACC, and
// the same adds into the standing accumulators, whose segments stay dirty
// from now on. (A standing fan-out never clips.)
inline void begin_standing(const FanOut& fan_out, FanOutArrays arrays, int16_t* acc,
                           int16_t* standing_acc, uint64_t* dirty_segments,
                           uint64_t* standing_segments) {
  for (uint32_t r = fan_out.first_run; r < fan_out.end_run; ++r) {
    const SynapseRun& run = arrays.runs[r];
    add_weights(run.cols, acc + run.acc_index, arrays.weights + run.weight_index);
    add_weights(run.cols, standing_acc + run.acc_index, arrays.weights + run.weight_index);
  }
  for (uint32_t m = fan_out.first_mark; m < fan_out.end_mark; ++m) {
    dirty_segments[arrays.marks[m].word] |= arrays.marks[m].bits;
    standing_segments[arrays.marks[m].word] |= arrays.marks[m].bits;
  }
}

// A silent step of a standing contribution that has begun: its segments are
// dirty already (the partial-sum phase made them so).
inline void withdraw_standing(const FanOut& fan_out, FanOutArrays arrays, int16_t* acc) {
  if (fan_out.single) {
    add_weights<-1>(fan_out.single_cols, acc + fan_out.single_acc_index,
                    arrays.weights + fan_out.single_weight_index);
    return;
  }
  for (uint32_t r = fan_out.first_run; r < fan_out.end_run; ++r) {
    const SynapseRun& run = arrays.runs[r];
    add_weights<-1>(run.cols, acc + run.acc_index, arrays.weights + run.weight_index);
  }
}

// The state one step of autonomous deliveries works on (see the file comment).
struct AutonomousDelivery {
  const uint32_t* id;         // active autonomous neuron -> global id
  const uint64_t* spiked;     // this step's spike bits
  const uint64_t* standing;   // delivered as standing contributions
  uint64_t* started;          // standing contributions begun
  int16_t* acc;
  int16_t* standing_acc;
  uint64_t* dirty_segments;
  uint64_t* standing_segments;
  uint64_t* acc_clips_by_core;
};

// The event phase of one step's autonomous spikes, words [word_begin,
// word_end) of the bit sets: an ACC per spike of the neurons delivered one
// spike at a time (in ascending order, as they fired: their cores may clip),
// and for standing contributions a begin or a withdrawal. Returns the adds
// that clipped.
SPIKECORE_VECTOR_CLONES __attribute__((noinline)) uint64_t deliver_autonomous(
    const ExecutionPlan& plan, const AutonomousDelivery& d, uint32_t word_begin,
    uint32_t word_end) {
  const FanOut* fan_out = plan.fan_out.data();
  const FanOutArrays arrays{plan.runs.data(), plan.weights.data(), plan.marks.data()};
  uint64_t clipped = 0;
  for (uint32_t w = word_begin; w < word_end; ++w) {
    const uint64_t spiked = d.spiked[w], standing = d.standing[w], started = d.started[w];
    const uint32_t* id = d.id + size_t(w) * 64;
    for (uint64_t bits = spiked & ~standing; bits != 0; bits &= bits - 1)
      clipped += accumulate(fan_out[id[__builtin_ctzll(bits)]], arrays, d.acc, d.dirty_segments,
                            d.acc_clips_by_core);
    for (uint64_t bits = spiked & standing & ~started; bits != 0; bits &= bits - 1)
      begin_standing(fan_out[id[__builtin_ctzll(bits)]], arrays, d.acc, d.standing_acc,
                     d.dirty_segments, d.standing_segments);
    for (uint64_t bits = standing & started & ~spiked; bits != 0; bits &= bits - 1)
      withdraw_standing(fan_out[id[__builtin_ctzll(bits)]], arrays, d.acc);
    d.started[w] = started | (spiked & standing);
  }
  return clipped;
}

}  // namespace

namespace {

// Per slot, what a FIRE did: bit 0 spiked, bit 1 V + I clipped at +32767,
// bit 2 held at -32768.
constexpr uint8_t kSpiked = 1, kClippedHigh = 2, kClippedLow = 4;

// FIRE over n slots: integrate, clip, spike and reset, noting what happened
// in `flags`; returns the OR of all flags. Branch-free, with masks and
// min/max, so that it vectorizes (GCC honours __restrict on parameters only,
// hence a function).
inline uint8_t fire_slots(uint32_t n, unsigned t, int16_t* __restrict v, int32_t* __restrict input,
                          uint8_t* __restrict flags, const int16_t* __restrict bias,
                          const uint8_t* __restrict bias_start,
                          const int16_t* __restrict threshold) {
  uint8_t any = 0;
  uint32_t k = 0;
  // Eight slots at a time in whole vectors: hidden and output FIREs are 8 to
  // 64 slots, which an auto-vectorized loop would spend in its scalar tail.
  const Int32x8 step = Int32x8{} + int32_t(t), high = Int32x8{} + isa::kInt16Max,
                low = Int32x8{} + isa::kInt16Min;
  Int32x8 any_lanes{};
  for (; k + 8 <= n; k += 8) {
    const Int32x8 bias_mask =
        step >= simd::widen_bytes(bias_start + k);
    const Int32x8 th = __builtin_convertvector(load<Int16x8>(threshold + k), Int32x8);
    const Int32x8 sum =
        __builtin_convertvector(load<Int16x8>(v + k), Int32x8) +
        (__builtin_convertvector(load<Int16x8>(bias + k), Int32x8) & bias_mask) +
        load<Int32x8>(input + k);
    store(input + k, Int32x8{});
    const Int32x8 clipped = sum > high ? high : (sum < low ? low : sum);
    const Int32x8 spike_mask = clipped >= th;
    const Int32x8 f = (spike_mask & kSpiked) | ((sum > high) & kClippedHigh) |
                      ((sum < low) & kClippedLow);
    store(flags + k, simd::low_bytes(f));
    any_lanes |= f;
    store(v + k, __builtin_convertvector(clipped - (th & spike_mask), Int16x8));
  }
  for (unsigned lane = 0; lane < 8; ++lane) any |= uint8_t(any_lanes[lane]);
  for (; k < n; ++k) {
    const int32_t bias_mask = -int32_t(t >= bias_start[k]);
    const int32_t th = threshold[k];
    int32_t sum = int32_t(v[k]) + (int32_t(bias[k]) & bias_mask);
    sum += input[k];
    input[k] = 0;
    const int32_t clipped = std::min(std::max(sum, isa::kInt16Min), isa::kInt16Max);
    const int32_t spike_mask = -int32_t(clipped >= th);
    const uint8_t f = uint8_t((spike_mask & kSpiked) | (sum > isa::kInt16Max ? kClippedHigh : 0) |
                              (sum < isa::kInt16Min ? kClippedLow : 0));
    flags[k] = f;
    any |= f;
    v[k] = int16_t(clipped - (th & spike_mask));
  }
  return any;
}

// The neuron ids of the spiking slots, ascending, into `out` (slot k is
// neuron id_of(k)); returns how many. Branch-free: which slots spike is data,
// and a branch per slot would be mispredicted on most spikes.
template <typename IdOf>
inline uint32_t compact_spikes(const uint8_t* flags, uint32_t n, uint32_t* out, IdOf id_of) {
  uint32_t count = 0;
  for (uint32_t k = 0; k < n; ++k) {
    out[count] = id_of(k);
    count += flags[k] & kSpiked;
  }
  return count;
}

inline void leak_slots(uint32_t n, unsigned shift, int16_t* __restrict v) {
  for (uint32_t k = 0; k < n; ++k) v[k] = isa::leak(v[k], shift);
}

// Per slot, 1 when an autonomous neuron can change in a sample of `timesteps`
// steps: it starts at or above its threshold, or gets a non-zero bias in some
// step. Branch-free, so that it vectorizes.
inline void mark_changing_slots(uint32_t n, unsigned timesteps, const int16_t* __restrict v,
                                const int16_t* __restrict bias, const int16_t* __restrict threshold,
                                const uint8_t* __restrict bias_start, uint8_t* __restrict changes) {
  for (uint32_t k = 0; k < n; ++k)
    changes[k] = uint8_t((v[k] >= threshold[k]) | ((bias[k] != 0) & (bias_start[k] < timesteps)));
}

}  // namespace

// An autonomous neuron's V depends on its own parameters only. One that
// starts below its threshold and gets no bias in this sample never changes
// (most input neurons: pixel 0), so a sample gathers only the others, whose
// trains it then looks up.
void GoldenModel::Impl::gather_autonomous_neurons(unsigned timesteps) {
  active_begin_.clear();
  const int16_t* membrane = membrane_.data();
  const int16_t* bias = bias_.data();
  const int16_t* threshold = plan_.threshold.data();
  const uint8_t* bias_start = plan_.bias_start.data();
  // Local pointers and count: a uint8_t store may alias anything, so members
  // would be reloaded after every bias_start store.
  uint32_t* id = active_.id.data();
  int16_t *v_out = active_.v.data(), *bias_out = active_.bias.data();
  int16_t* threshold_out = active_.threshold.data();
  uint8_t* start_out = active_.bias_start.data();
  uint32_t n = 0;
  auto put = [&](uint32_t g, int16_t v0, int16_t b, int16_t th, uint8_t start) {
    id[n] = g, v_out[n] = v0, bias_out[n] = b, threshold_out[n] = th, start_out[n] = start;
    ++n;
  };
  uint8_t changes[isa::kNeuronSlots + 8];  // per slot of one FIRE (a FIRE stays in one core)
  for (const FirePhaseOp& op : plan_.fire_phase) {
    if (!op.autonomous) continue;
    active_begin_.push_back(n);
    const uint32_t b = op.begin, count = op.end - op.begin;
    mark_changing_slots(count, timesteps, membrane + b, bias + b, threshold + b, bias_start + b,
                        changes);
    std::memset(changes + count, 0, 8);
    // Eight flags at a time: most slots are dark pixels, which never change.
    for (uint32_t k = 0; k < count; k += 8) {
      for (uint64_t flags = load<uint64_t>(changes + k); flags != 0; flags &= flags - 1) {
        const uint32_t g = b + k + unsigned(__builtin_ctzll(flags)) / 8;
        put(g, membrane[g], bias[g], threshold[g], bias_start[g]);
      }
    }
    const FirePhaseOp* next = &op + 1;
    const bool batch_ends = next == plan_.fire_phase.data() + plan_.fire_phase.size() || !next->autonomous;
    // Padding to whole words of the spike bit sets (and so to whole vectors),
    // with neurons that can never spike or clip.
    while (batch_ends && n % 64 != 0) put(kNoNeuron, 0, 0, int16_t(isa::kInt16Max), 0);
  }
  active_.size = n;
  active_begin_.push_back(n);
  std::fill_n(active_.flags.begin(), n + 8, uint8_t(0));
}

// Rare (V near the int16 limits): the clips among a FIRE's flags, counted
// for its core.
void GoldenModel::Impl::count_soma_clips(const FirePhaseOp& op, const uint8_t* flags, uint32_t n,
                                         Counters& counters) {
  uint32_t high = 0, low = 0;
  for (uint32_t k = 0; k < n; ++k) {
    high += (flags[k] & kClippedHigh) != 0;
    low += (flags[k] & kClippedLow) != 0;
  }
  counters.soma_saturations += high;
  counters.soma_floor_clips += low;
  saturations_->soma[op.begin / isa::kNeuronSlots] += high;  // a FIRE stays in one core
  saturations_->soma_floor[op.begin / isa::kNeuronSlots] += low;
}

namespace {

constexpr uint32_t kNoSpike = AutonomousTrain::kNoSpike;

// One round of transpose_bits: swaps the off-diagonal J x J blocks of every
// 2J x 2J block (J constant, so the loops unroll and vectorize).
template <unsigned J>
inline void transpose_round(uint64_t* rows, uint64_t mask) {
  for (unsigned base = 0; base < 64; base += 2 * J)
    for (unsigned k = base; k < base + J; ++k) {
      const uint64_t swap = ((rows[k] >> J) ^ rows[k + J]) & mask;
      rows[k + J] ^= swap;
      rows[k] ^= swap << J;
    }
}

// Transposes a 64 x 64 bit matrix in place: afterwards bit k of rows[t] is
// what bit t of rows[k] was.
SPIKECORE_VECTOR_CLONES void transpose_bits(uint64_t* rows) {
  transpose_round<32>(rows, 0x00000000FFFFFFFFull);
  transpose_round<16>(rows, 0x0000FFFF0000FFFFull);
  transpose_round<8>(rows, 0x00FF00FF00FF00FFull);
  transpose_round<4>(rows, 0x0F0F0F0F0F0F0F0Full);
  transpose_round<2>(rows, 0x3333333333333333ull);
  transpose_round<1>(rows, 0x5555555555555555ull);
}

}  // namespace

// Every active autonomous neuron's train over all T steps (they depend on
// nothing else, so this is the order-free part of every fire phase), from
// the cache: spike counts, first delivered spike, final V, the last step's
// spike flag (in active_.flags) and clips per neuron; and the spike bits per
// step, 64 neurons x 64 steps at a time, by transposing their trains.
void GoldenModel::Impl::simulate_autonomous_neurons(unsigned timesteps, Counters& counters) {
  const uint32_t n = uint32_t(active_.size);  // whole words (gather pads)
  const uint32_t words = n / 64;
  spike_bits_.resize(size_t(timesteps) * words);
  started_bits_.assign(words, 0);
  spikes_.assign(n, 0);  // as they stay when T = 0
  first_spike_.assign(n, kNoSpike);
  const uint32_t blocks = (timesteps + 63) / 64;
  uint64_t rows[64];
  for (uint32_t w = 0; w < words; ++w) {
    for (uint32_t block = 0; block < blocks; ++block) {
      for (uint32_t i = 0; i < 64; ++i) {
        const uint32_t k = w * 64 + i;
        const AutonomousTrain& train = trains_.get(active_.v[k], active_.bias[k],
                                                   active_.threshold[k], active_.bias_start[k],
                                                   timesteps);
        rows[i] = train.steps[block];
        if (block + 1 == blocks) active_.v[k] = train.final_v;  // a key: no get() for k after this
        if (block != 0) continue;
        spikes_[k] = train.spikes;
        first_spike_[k] = train.first_delivered;
        active_.flags[k] = train.last_step_spiked ? kSpiked : 0;
        if ((train.clipped_high | train.clipped_low) != 0) {  // rare: V near the int16 limits
          const uint32_t core = active_.id[k] / isa::kNeuronSlots;
          counters.soma_saturations += train.clipped_high;
          counters.soma_floor_clips += train.clipped_low;
          saturations_->soma[core] += train.clipped_high;
          saturations_->soma_floor[core] += train.clipped_low;
        }
      }
      transpose_bits(rows);
      const uint32_t steps = std::min(64u, timesteps - block * 64);
      for (uint32_t i = 0; i < steps; ++i) spike_bits_[size_t(block * 64 + i) * words + w] = rows[i];
    }
  }
}

// Spike counts and the counters of every autonomous spike, from the trains;
// and which neurons are delivered as standing contributions: those that
// cannot clip and whose silent steps after the first delivered spike are
// fewer than their delivered spikes less two (a begin costs two adds).
void GoldenModel::Impl::count_autonomous_spikes(unsigned timesteps, Counters& counters) {
  const uint32_t n = uint32_t(active_.size);
  standing_bits_.assign(n / 64, 0);
  const uint8_t* last_step_flags = active_.flags.data();  // all zero when T = 0
  uint64_t flits = 0, events = 0, synaptic_ops = 0;
  for (uint32_t k = 0; k < n; ++k) {
    if (spikes_[k] == 0) continue;  // padding included
    const uint32_t g = active_.id[k];
    const FanOut& out = plan_.fan_out[g];
    spike_count_[g] = uint16_t(std::min<uint32_t>(spikes_[k], UINT16_MAX));
    // The last step's spikes are never delivered.
    const uint32_t delivered = spikes_[k] - (last_step_flags[k] & kSpiked);
    flits += uint64_t(spikes_[k]) * out.packets;
    events += uint64_t(delivered) * out.packets;  // a delivered packet is an event
    synaptic_ops += uint64_t(delivered) * out.synaptic_ops;
    if (delivered == 0 || !out.never_clips || out.end_run == out.first_run) continue;
    const uint32_t silent = (timesteps - 1 - first_spike_[k]) - delivered;
    if (silent + 2 < delivered) standing_bits_[k / 64] |= uint64_t(1) << (k % 64);
  }
  counters.flits += flits;
  counters.events_in += events;
  counters.synaptic_ops += synaptic_ops;
}

// The spikes of the autonomous neurons [first, end) (whole words) in step t,
// ascending, onto the record.
void GoldenModel::Impl::record_autonomous_spikes(uint32_t first, uint32_t end, unsigned t) {
  const uint64_t* spiked = spike_bits_.data() + size_t(t) * (active_.size / 64);
  uint32_t* out = record_.room(end - first);  // room for all of them
  uint32_t count = 0;
  const uint32_t* id = active_.id.data();
  for (uint32_t w = first / 64; w < end / 64; ++w)
    for (uint64_t b = spiked[w]; b != 0; b &= b - 1)
      out[count++] = id[w * 64 + unsigned(__builtin_ctzll(b))];
  record_.size += count;
}

// After the last step: the accumulators of standing segments hold the
// standing contributions (the last partial-sum phase restored them); every
// run leaves accumulators and standing accumulators zero.
void GoldenModel::Impl::clear_standing_contributions() {
  for (size_t word = 0; word < standing_segments_.size(); ++word) {
    for (uint64_t bits = standing_segments_[word]; bits != 0; bits &= bits - 1) {
      const AccSegment& segment = plan_.segments[word * 64 + unsigned(__builtin_ctzll(bits))];
      const uint32_t count = segment.acc_end - segment.acc_begin;
      zero_accumulators(acc_.data() + segment.acc_begin, count);
      zero_accumulators(standing_acc_.data() + segment.acc_begin, count);
    }
    standing_segments_[word] = 0;
    dirty_segments_[word] = 0;
  }
}

void GoldenModel::Impl::scatter_autonomous_neurons() {
  for (size_t k = 0; k < active_.size; ++k)
    if (active_.id[k] != kNoNeuron) membrane_[active_.id[k]] = active_.v[k];
}

namespace {

// What the partial-sum phase reads and writes (local pointers: the stores
// (memcpy) may alias anything, so pointers read from members would be
// reloaded after each of them).
struct PartialSumState {
  int16_t* acc;
  int32_t* soma_input;
  const int16_t* standing_acc;
  const AccSegment* segments;
  const uint64_t* dirty_segments;
  const uint64_t* standing_segments;
  const uint8_t* chunk_of;  // ExecutionPlan::chunk_of
};

// After a segment of `count` accumulators is sent: they go back to zero, or
// to the standing contributions, which keeps it dirty.
inline void reset_segment(const PartialSumState& st, const AccSegment& segment, uint32_t count,
                          bool standing) {
  if (standing)
    copy_accumulators(st.acc + segment.acc_begin, st.standing_acc + segment.acc_begin, count);
  else
    zero_accumulators(st.acc + segment.acc_begin, count);
}

// Chunks [first, first + kChunks) of a PsumGroup's dirty segments: summed
// tile by tile in registers, the non-zero accumulators counted in `sent`, and
// the sums added into the soma inputs once. The pass over the last chunks
// resets the segments (kWhole: this pass is the only one, so a segment is
// kChunks tiles and its reset a fixed number of stores). kPermuted: the
// segments' tiles are found through chunk_of, not in chunk order.
template <unsigned kChunks, bool kWhole = false, bool kPermuted = false>
__attribute__((always_inline)) inline void send_group_chunks(const PartialSumState& st,
                                                             const PsumGroup& group, unsigned first,
                                                             const DirtyMark* marks,
                                                             Int32x8& sent) {
  const bool last_pass = kWhole || first + kChunks == group.chunks;
  Int32x8 sum[kChunks] = {};
  bool any = false;
  for (uint32_t m = group.first_mark; m < group.end_mark; ++m) {
    const uint32_t word = marks[m].word;
    const uint64_t standing = st.standing_segments[word];
    for (uint64_t bits = st.dirty_segments[word] & marks[m].bits; bits != 0; bits &= bits - 1) {
      const unsigned bit = unsigned(__builtin_ctzll(bits));
      const AccSegment& segment = st.segments[word * 64 + bit];
      const int16_t* a = st.acc + segment.acc_begin;
      const uint8_t* tile = st.chunk_of + (word * 64 + bit) * PsumGroup::kMaxChunks + first;
      for (unsigned c = 0; c < kChunks; ++c) {
        const unsigned t = kPermuted ? tile[c] : first + c;
        const Int32x8 v = __builtin_convertvector(load<Int16x8>(a + 8 * t), Int32x8);
        sum[c] += v;
        sent -= v != 0;  // -1 in each lane that is non-zero
      }
      if (last_pass)
        reset_segment(st, segment, kWhole ? 8 * kChunks : segment.acc_end - segment.acc_begin,
                      (standing >> bit) & 1);
      any = true;
    }
  }
  if (!any) return;
  for (unsigned c = 0; c < kChunks; ++c) {
    int32_t* dst = st.soma_input + group.dst[first + c];
    store(dst, load<Int32x8>(dst) + sum[c]);
  }
}

// (Inlined, so that it is compiled for each vector clone of the phase.)
template <bool kPermuted>
__attribute__((always_inline)) inline void send_group_in_order(const PartialSumState& st,
                                                               const PsumGroup& group,
                                                               const DirtyMark* marks,
                                                               Int32x8& sent) {
  if (group.chunks == 4) {  // the common case: one pass
    send_group_chunks<4, true, kPermuted>(st, group, 0, marks, sent);
    return;
  }
  unsigned first = 0;
  for (; first + 4 <= group.chunks; first += 4)
    send_group_chunks<4, false, kPermuted>(st, group, first, marks, sent);
  switch (group.chunks - first) {
    case 1: send_group_chunks<1, false, kPermuted>(st, group, first, marks, sent); break;
    case 2: send_group_chunks<2, false, kPermuted>(st, group, first, marks, sent); break;
    case 3: send_group_chunks<3, false, kPermuted>(st, group, first, marks, sent); break;
    default: break;
  }
}

__attribute__((always_inline)) inline void send_group(const PartialSumState& st,
                                                      const PsumGroup& group,
                                                      const DirtyMark* marks, Int32x8& sent) {
  if (group.permuted)
    send_group_in_order<true>(st, group, marks, sent);
  else
    send_group_in_order<false>(st, group, marks, sent);
}

}  // namespace

// PSUM instructions of every segment that holds a non-zero accumulator, then
// the reset of those accumulators (all others are zero already): to zero, or
// to the standing contributions, which keeps their segments dirty. I is int32
// and cannot overflow, so the order in which cores send does not matter:
// grouped segments (PsumGroup) first, then the others.
SPIKECORE_VECTOR_CLONES void GoldenModel::Impl::partial_sum_phase(Counters& counters) {
  const PartialSumState st{acc_.data(),           soma_input_.data(),
                           standing_acc_.data(),  plan_.segments.data(),
                           dirty_segments_.data(), standing_segments_.data(),
                           plan_.chunk_of.data()};
  const PsumOp* psum_ops = plan_.psum_ops.data();
  const uint64_t* ungrouped = plan_.ungrouped_segments.data();
  uint64_t* dirty_segments = dirty_segments_.data();
  const uint64_t* standing_segments = standing_segments_.data();
  const size_t words = dirty_segments_.size();
  Int32x8 sent{};
  uint32_t sent_in_tail = 0;
  const DirtyMark* group_marks = plan_.group_marks.data();
  for (const PsumGroup& group : plan_.psum_groups) send_group(st, group, group_marks, sent);
  for (size_t word = 0; word < words; ++word) {
    const uint64_t standing = standing_segments[word];
    for (uint64_t bits = dirty_segments[word] & ungrouped[word]; bits != 0; bits &= bits - 1) {
      const unsigned bit = unsigned(__builtin_ctzll(bits));
      const AccSegment& segment = st.segments[word * 64 + bit];
      for (uint32_t p = segment.first_op; p < segment.end_op; ++p) {
        const PsumOp& op = psum_ops[p];
        if (op.count == 8)  // one core's column tile, the common case: no loop
          send_partial_sums(8, st.acc + op.acc_index, st.soma_input + op.dst_neuron, sent,
                            sent_in_tail);
        else
          send_partial_sums(op.count, st.acc + op.acc_index, st.soma_input + op.dst_neuron, sent,
                            sent_in_tail);
      }
      reset_segment(st, segment, segment.acc_end - segment.acc_begin, (standing >> bit) & 1);
    }
    dirty_segments[word] = standing;
  }
  uint64_t packets = sent_in_tail;
  for (unsigned k = 0; k < 8; ++k) packets += uint32_t(sent[k]);
  counters.psum_packets += packets;
}

namespace {

struct SpikeTally {
  uint64_t flits = 0, events = 0, synaptic_ops = 0, acc_clips = 0;
};

// Spike counts, and the fan-out of each spike in order (ACC of the next
// step's event phase, see the file comment) unless the spikes are the last
// step's, which are never delivered.
SPIKECORE_VECTOR_CLONES __attribute__((noinline)) void deliver(
    const ExecutionPlan& plan, const uint32_t* spiking, uint32_t count, bool deliver_spikes,
    uint16_t* spike_count, int16_t* acc, uint64_t* dirty_segments, uint64_t* acc_clips_by_core,
    SpikeTally& tally) {
  const FanOut* fan_out = plan.fan_out.data();
  const FanOutArrays arrays{plan.runs.data(), plan.weights.data(), plan.marks.data()};
  uint64_t flits = 0, synaptic_ops = 0, acc_clips = 0;
  for (uint32_t j = 0; j < count; ++j) {
    const uint32_t g = spiking[j];
    spike_count[g] += spike_count[g] != UINT16_MAX;
    const FanOut& out = fan_out[g];
    flits += out.packets;
    if (deliver_spikes) {
      synaptic_ops += out.synaptic_ops;
      acc_clips += accumulate(out, arrays, acc, dirty_segments, acc_clips_by_core);
    }
  }
  tally.flits += flits;
  tally.events += deliver_spikes ? flits : 0;  // a delivered packet is an event
  tally.synaptic_ops += synaptic_ops;
  tally.acc_clips += acc_clips;
}

}  // namespace

// FIRE runs in two passes per instruction: a branch-free pass (vectorizable)
// that integrates, clips and resets every slot and notes which ones spiked,
// then a pass over the spiking slots only, in slot order, for the spike count,
// the record and the fan-out. The result is the same as handling each slot
// completely before the next: slots of one FIRE do not read each other.
// Consecutive autonomous FIREs run as one batch over the neurons of theirs
// that can change (gather_autonomous_neurons), in the same order. Their
// spikes are delivered with the batch, or all at once after the last FIRE
// when none reaches a core that can clip (autonomous_adds_commute_).
SPIKECORE_VECTOR_CLONES void GoldenModel::Impl::fire_phase(unsigned t, bool deliver_spikes,
                                                           Counters& counters) {
  SpikeTally tally;
  // The event phase of autonomous spikes in words [word_begin, word_end).
  auto deliver_batches = [&](uint32_t word_begin, uint32_t word_end) {
    const AutonomousDelivery d{active_.id.data(),
                               spike_bits_.data() + size_t(t) * (active_.size / 64),
                               standing_bits_.data(),
                               started_bits_.data(),
                               acc_.data(),
                               standing_acc_.data(),
                               dirty_segments_.data(),
                               standing_segments_.data(),
                               saturations_->acc.data()};
    tally.acc_clips += deliver_autonomous(plan_, d, word_begin, word_end);
  };
  const size_t first_id = record_.size;
  uint8_t slot_flags[isa::kNeuronSlots] = {};
  const std::vector<FirePhaseOp>& ops = plan_.fire_phase;
  for (size_t i = 0; i < ops.size(); ++i) {
    const FirePhaseOp& op = ops[i];
    const uint32_t slots = op.end - op.begin;
    if (op.is_leak) {
      leak_slots(slots, op.shift, membrane_.data() + op.begin);
      counters.leak_ops += slots;
      continue;
    }
    if (op.autonomous) {  // the whole batch of consecutive autonomous FIREs, run already
      const uint32_t first = active_begin_[op.autonomous_index];
      const uint32_t end = active_begin_[ops[op.batch_end - 1].autonomous_index + 1];
      counters.fire_ops += op.batch_slots;  // every slot is updated, changed or not
      record_autonomous_spikes(first, end, t);
      if (deliver_spikes && !autonomous_adds_commute_) deliver_batches(first / 64, end / 64);
      i = op.batch_end - 1;
      continue;
    }
    counters.fire_ops += slots;
    const uint8_t any =
        fire_slots(slots, t, membrane_.data() + op.begin, soma_input_.data() + op.begin,
                         slot_flags, bias_.data() + op.begin, plan_.bias_start.data() + op.begin,
                         plan_.threshold.data() + op.begin);
    if (any & (kClippedHigh | kClippedLow)) count_soma_clips(op, slot_flags, slots, counters);
    if (any & kSpiked) {
      // The spikes, as ascending neuron ids, straight onto the record, and
      // from there to deliver(), a function of its own with few live values,
      // so that the per-spike loop keeps them in registers.
      const uint32_t begin = op.begin;
      uint32_t* spiking = record_.room(slots);
      const uint32_t count =
          compact_spikes(slot_flags, slots, spiking, [begin](uint32_t k) { return begin + k; });
      record_.size += count;
      deliver(plan_, spiking, count, deliver_spikes, spike_count_.data(), acc_.data(),
              dirty_segments_.data(), saturations_->acc.data(), tally);
    }
  }
  if (deliver_spikes && autonomous_adds_commute_ && active_.size != 0)
    deliver_batches(0, active_.size / 64);
  counters.spikes += record_.size - first_id;
  counters.flits += tally.flits;
  counters.events_in += tally.events;
  counters.synaptic_ops += tally.synaptic_ops;
  counters.acc_saturations += tally.acc_clips;
  for (uint32_t g : plan_.discarded_inputs) soma_input_[g] = 0;
}

void GoldenModel::Impl::read_out(RunResult& out) const {
  out.membrane.assign(membrane_.begin(), membrane_.end());
  out.spike_counts.assign(spike_count_.begin(), spike_count_.end());
  const size_t classes = plan_.output_neurons.size();
  out.output_spike_counts.resize(classes);
  out.output_scores.resize(classes);
  for (size_t k = 0; k < classes; ++k) {
    const uint32_t g = plan_.output_neurons[k];
    out.output_spike_counts[k] = spike_count_[g];
    out.output_scores[k] = isa::readout_score(spike_count_[g], plan_.threshold[g], membrane_[g]);
  }
  out.predicted_class = classes == 0 ? -1 : isa::argmax_lowest(out.output_scores);
}

void GoldenModel::Impl::run(const uint8_t* pixels, unsigned timesteps, RunResult& out) {
  if (pixels == nullptr && !plan_.input_neurons.empty())
    throw std::invalid_argument("golden model: run() got no pixels for " +
                                std::to_string(plan_.input_neurons.size()) + " input neurons");
  clear(pixels);
  out.saturations.acc.assign(plan_.num_cores, 0);
  out.saturations.soma.assign(plan_.num_cores, 0);
  out.saturations.soma_floor.assign(plan_.num_cores, 0);
  saturations_ = &out.saturations;
  Counters counters;
  gather_autonomous_neurons(timesteps);
  simulate_autonomous_neurons(timesteps, counters);
  count_autonomous_spikes(timesteps, counters);
  out.spikes.step_begin.resize(size_t(timesteps) + 1);
  record_.size = 0;
  for (unsigned t = 0; t < timesteps; ++t) {
    const size_t step_begin = record_.size;
    out.spikes.step_begin[t] = uint32_t(step_begin);
    // Event phase: done while the previous step fired (see the file comment).
    partial_sum_phase(counters);
    fire_phase(t, t + 1 < timesteps, counters);
    if (!plan_.fire_order_ascending)
      std::sort(record_.ids.begin() + step_begin, record_.ids.begin() + record_.size);
  }
  out.spikes.step_begin[timesteps] = uint32_t(record_.size);
  out.spikes.ids.assign(record_.ids.begin(), record_.ids.begin() + record_.size);
  counters.flits += counters.psum_packets;
  out.counters = counters;
  saturations_ = nullptr;
  clear_standing_contributions();
  scatter_autonomous_neurons();
  read_out(out);
}

GoldenModel::GoldenModel(const isa::ChipConfig& chip) : impl_(std::make_shared<Impl>(chip)) {}

RunResult GoldenModel::run(const uint8_t* pixels, unsigned timesteps) {
  RunResult out;
  impl_->run(pixels, timesteps, out);
  return out;
}

void GoldenModel::run(const uint8_t* pixels, unsigned timesteps, RunResult& out) {
  impl_->run(pixels, timesteps, out);
}

}  // namespace spikecore::golden
