#include "common/sanitizer_stacks.h"

#if defined(__SANITIZE_ADDRESS__)
#define SPIKECORE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SPIKECORE_ASAN 1
#endif
#endif

#ifdef SPIKECORE_ASAN
#include <dlfcn.h>
#include <pthread.h>
#include <sanitizer/common_interface_defs.h>

#include <cstddef>
#include <cstdint>
#include <map>
#endif

namespace spikecore {

#ifdef SPIKECORE_ASAN
namespace {

using StartSwitch = void (*)(void**, const void*, size_t);
using FinishSwitch = void (*)(void*, const void**, size_t*);

struct StackRange {
  const void* bottom = nullptr;
  size_t size = 0;
  bool contains(uintptr_t address) const {
    const auto begin = reinterpret_cast<uintptr_t>(bottom);
    return address >= begin && address - begin < size;
  }
};

// Single-threaded by construction: SystemC runs every coroutine on the main
// thread.
struct FiberState {
  StartSwitch start = nullptr;
  FinishSwitch finish = nullptr;
  StackRange main_stack;
  std::map<uintptr_t, size_t> coroutine_stacks;  // bottom -> size, as announced

  FiberState() {
    // The ASan runtime's own entry points, behind this executable's.
    start = reinterpret_cast<StartSwitch>(dlsym(RTLD_NEXT, "__sanitizer_start_switch_fiber"));
    finish = reinterpret_cast<FinishSwitch>(dlsym(RTLD_NEXT, "__sanitizer_finish_switch_fiber"));
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      void* bottom = nullptr;
      size_t size = 0;
      if (pthread_attr_getstack(&attr, &bottom, &size) == 0) main_stack = {bottom, size};
      pthread_attr_destroy(&attr);
    }
  }

  // The stack that `address` lies on, as far as it is known.
  StackRange stack_holding(uintptr_t address) const {
    if (main_stack.contains(address)) return main_stack;
    auto it = coroutine_stacks.upper_bound(address);
    if (it == coroutine_stacks.begin()) return {};
    --it;
    const StackRange range{reinterpret_cast<const void*>(it->first), it->second};
    return range.contains(address) ? range : StackRange{};
  }
};

FiberState& fiber_state() {
  static FiberState state;
  return state;
}

}  // namespace

void keep_main_stack_known_to_sanitizers() { fiber_state(); }

}  // namespace spikecore

// SystemC calls this before every switch to a coroutine (sc_cor_pkg_qt::yield);
// it passes (nullptr, 0) for the main coroutine.
extern "C" void __sanitizer_start_switch_fiber(void** fake_stack_save, const void* bottom,
                                               size_t size) {
  auto& state = spikecore::fiber_state();
  if (bottom == nullptr && size == 0) {
    bottom = state.main_stack.bottom;
    size = state.main_stack.size;
  } else {
    state.coroutine_stacks[reinterpret_cast<uintptr_t>(bottom)] = size;
  }
  if (state.start) state.start(fake_stack_save, bottom, size);
}

// QuickThreads calls SystemC's abort helper on the new stack, right after a
// thread that ended has switched away for good. SystemC's own helper does
// nothing; this one tells ASan which stack execution is on now.
extern "C" void* sc_cor_qt_aborthelp(void*, void*, void*) {
  auto& state = spikecore::fiber_state();
  const spikecore::StackRange now =
      state.stack_holding(reinterpret_cast<uintptr_t>(__builtin_frame_address(0)));
  if (now.size != 0 && state.start && state.finish) {
    state.start(nullptr, now.bottom, now.size);
    state.finish(nullptr, nullptr, nullptr);
  }
  return nullptr;
}

namespace spikecore {
#else
void keep_main_stack_known_to_sanitizers() {}
#endif

}  // namespace spikecore
