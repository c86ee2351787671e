#include "platform/sim/worker_pool.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace spikecore::sim {
namespace {

volatile sig_atomic_t g_interrupted = 0;
void on_signal(int) { g_interrupted = 1; }

void write_all(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(3);  // parent is gone: nothing sensible left to do
    done += size_t(n);
  }
}

}  // namespace

bool interrupted() { return g_interrupted != 0; }

void run_workers(unsigned workers, const WorkerBody& body, const ConsumeBytes& consume,
                 const std::function<void()>& on_idle) {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);

  struct Child {
    pid_t pid = -1;
    int fd = -1;
    std::string pending;
    bool open = true;
  };
  std::vector<Child> children(workers);
  for (unsigned w = 0; w < workers; ++w) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error(std::string("pipe failed: ") + strerror(errno));
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + strerror(errno));
    if (pid == 0) {
      ::close(fds[0]);
      for (unsigned i = 0; i < w; ++i) ::close(children[i].fd);
      signal(SIGINT, SIG_DFL);
      signal(SIGTERM, SIG_DFL);
      int status = 1;
      try {
        status = body(w, [&](const std::string& r) { write_all(fds[1], r); });
      } catch (const std::exception& e) {
        std::fprintf(stderr, "spikecore-sim: error: %s\n", e.what());
        status = 1;
      }
      ::close(fds[1]);
      std::fflush(nullptr);
      _exit(status);  // skip static destructors of the parent's libraries
    }
    ::close(fds[1]);
    children[w].pid = pid;
    children[w].fd = fds[0];
  }

  auto kill_all = [&] {
    for (auto& c : children)
      if (c.pid > 0) kill(c.pid, SIGTERM);
  };
  // Why a finished worker failed, or "" when it succeeded.
  auto failure_of = [&](unsigned w, int status) -> std::string {
    if (WIFSIGNALED(status))
      return "worker " + std::to_string(w) + " died of signal " + std::to_string(WTERMSIG(status));
    if (WEXITSTATUS(status) != 0)
      return "worker " + std::to_string(w) + " failed (exit status " +
             std::to_string(WEXITSTATUS(status)) + ")";
    if (!children[w].pending.empty())
      return "worker " + std::to_string(w) + " sent an incomplete record";
    return "";
  };
  std::string failure;
  unsigned open_count = workers;
  char buffer[1 << 16];
  while (open_count > 0) {
    if (g_interrupted || !failure.empty()) {
      kill_all();  // one worker failed: the run cannot complete, stop the others now
      break;
    }
    std::vector<pollfd> pfds;
    std::vector<unsigned> owner;
    for (unsigned w = 0; w < workers; ++w)
      if (children[w].open) {
        pfds.push_back({children[w].fd, POLLIN, 0});
        owner.push_back(w);
      }
    const int ready = poll(pfds.data(), pfds.size(), 200);
    if (ready < 0 && errno != EINTR) throw std::runtime_error("poll failed");
    for (size_t i = 0; ready > 0 && i < pfds.size(); ++i) {
      if (!(pfds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      Child& c = children[owner[i]];
      const ssize_t n = ::read(c.fd, buffer, sizeof buffer);
      if (n > 0) {
        c.pending.append(buffer, size_t(n));
        const size_t used = consume(owner[i], c.pending);
        c.pending.erase(0, used);
      } else if (n == 0 || errno != EINTR) {
        ::close(c.fd);
        c.open = false;
        --open_count;
        // The pipe closes when the worker exits (or is killed): reap it at
        // once, so a failure stops the run now, not after the other workers.
        int status = 0;
        while (waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
        }
        c.pid = -1;
        if (failure.empty() && !g_interrupted) failure = failure_of(owner[i], status);
      }
    }
    on_idle();
  }

  for (unsigned w = 0; w < workers; ++w) {
    if (children[w].open) ::close(children[w].fd);
    if (children[w].pid < 0) continue;  // reaped in the loop
    int status = 0;
    while (waitpid(children[w].pid, &status, 0) < 0 && errno == EINTR) {
    }
    // Workers stopped because another failed are not failures of their own.
    if (failure.empty() && !g_interrupted) failure = failure_of(w, status);
  }
  if (g_interrupted) throw std::runtime_error("interrupted; no output files were written");
  if (!failure.empty()) throw std::runtime_error(failure);
}

}  // namespace spikecore::sim
