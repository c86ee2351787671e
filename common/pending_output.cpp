#include "common/pending_output.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <stdexcept>

namespace spikecore {
namespace {

// Temporary files a signal handler must remove. A fixed table of plain
// buffers, because the handler may only make async-signal-safe calls; the
// owner pid keeps a forked worker from removing its parent's files.
struct RemoveOnSignal {
  char path[PATH_MAX];
  pid_t owner;
  volatile sig_atomic_t live;
};
constexpr int kSlots = 64;
RemoveOnSignal g_slots[kSlots];
std::mutex g_slots_mutex;
constexpr int kFatalSignals[] = {SIGINT, SIGTERM, SIGHUP};

void remove_pending_then_die(int sig) {
  const pid_t self = ::getpid();
  for (RemoveOnSignal& s : g_slots)
    if (s.live && s.owner == self) ::unlink(s.path);
  ::raise(sig);  // SA_RESETHAND restored the default action: dies on return
}

// Installs the handler for signals that would otherwise kill the process
// silently; a tool's own handler (the simulator's parent waits for its
// workers, then reports) stays in place.
void remove_pending_on_fatal_signals() {
  for (int sig : kFatalSignals) {
    struct sigaction current {};
    if (::sigaction(sig, nullptr, &current) != 0 || current.sa_handler != SIG_DFL) continue;
    struct sigaction sa {};
    sa.sa_handler = remove_pending_then_die;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND;
    ::sigaction(sig, &sa, nullptr);
  }
}

int register_for_removal(const std::string& path) {
  if (path.size() >= PATH_MAX) return -1;
  std::lock_guard<std::mutex> lock(g_slots_mutex);
  remove_pending_on_fatal_signals();
  for (int i = 0; i < kSlots; ++i) {
    RemoveOnSignal& s = g_slots[i];
    if (s.live && s.owner == ::getpid()) continue;
    std::memcpy(s.path, path.c_str(), path.size() + 1);
    s.owner = ::getpid();
    s.live = 1;  // set last: the handler never sees a half-copied path
    return i;
  }
  return -1;  // table full: the file is still removed on exceptions, not on signals
}

void unregister(int slot) {
  if (slot < 0) return;
  std::lock_guard<std::mutex> lock(g_slots_mutex);
  g_slots[slot].live = 0;
}

}  // namespace

PendingOutput::PendingOutput(std::string final_path, const std::string& suffix, std::string kind)
    : final_path_(std::move(final_path)), kind_(std::move(kind)) {
  // mkstemps: a unique name even when several processes write the same target.
  std::string name = final_path_ + ".partial-XXXXXX" + suffix;
  fd_ = ::mkstemps(name.data(), int(suffix.size()));
  if (fd_ < 0)
    fail(std::string(std::strerror(errno)) + " (does its directory exist and is it writable?)");
  temp_path_ = name;
  registration_ = register_for_removal(temp_path_);
}

PendingOutput::~PendingOutput() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(temp_path_.c_str());
  unregister(registration_);
}

void PendingOutput::fail(const std::string& why) const {
  throw std::runtime_error("cannot write " + (kind_.empty() ? "" : kind_ + " ") + "'" +
                           final_path_ + "': " + why);
}

void PendingOutput::write(const void* data, size_t size) {
  const char* bytes = static_cast<const char*>(data);
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::write(fd_, bytes + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail(n < 0 ? std::strerror(errno) : "nothing written");
    done += size_t(n);
  }
}

void PendingOutput::close_fd() {
  if (fd_ < 0) return;
  const int rc = ::close(fd_);
  fd_ = -1;
  if (rc != 0) fail(std::strerror(errno));
}

void PendingOutput::commit() {
  if (committed_) return;
  // mkstemps creates 0600 files; outputs are ordinary files.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::chmod(temp_path_.c_str(), 0666 & ~mask) != 0) fail(std::strerror(errno));
  close_fd();
  if (std::rename(temp_path_.c_str(), final_path_.c_str()) != 0) fail(std::strerror(errno));
  committed_ = true;
  unregister(registration_);
  registration_ = -1;
}

}  // namespace spikecore
