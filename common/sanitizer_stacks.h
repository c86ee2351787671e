// Keeps AddressSanitizer's idea of the current stack right in processes that
// run SystemC threads. Without it LeakSanitizer's check at exit may crash
// ("Tracer caught signal 11"), and leaks made after or between SystemC
// threads go unreported.
//
// Why: Debian's SystemC 2.3.4 announces its QuickThreads stack switches to
// ASan (__sanitizer_start_switch_fiber, through weak references) but gets two
// cases wrong:
//  - a switch back to the main coroutine (where sc_main, the kernel and every
//    SC_METHOD run) announces the stack (nullptr, 0): SystemC never learns
//    the main stack's bounds;
//  - a thread that ends (sc_cor_pkg_qt::abort) announces nothing, so ASan
//    keeps the bounds of that thread's stack, which SystemC then unmaps.
// With wrong bounds ASan's unwinder records empty allocation stacks, which
// LeakSanitizer treats as "allocated in a coroutine" and never reports; and at
// exit LeakSanitizer, finding the stack pointer outside the recorded range,
// scans that whole range: whatever the kernel has mapped there since (a guard
// page, another mapping) makes its tracer read an unreadable page. Whether it
// does depends on the address-space layout, hence failures at random.
//
// The fix, compiled only under ASan (common/sanitizer_stacks.cpp): this
// executable interposes the two places, so the main coroutine is announced
// with the main thread's real stack and a thread's end announces the stack
// it lands on. docs/fuzzing.md ("LeakSanitizer and SystemC") has the details.
#pragma once

namespace spikecore {

// Call first thing in sc_main: it links the interposers into the executable
// and records the main thread's stack. Without ASan it does nothing.
void keep_main_stack_known_to_sanitizers();

}  // namespace spikecore
