// An output file being written: it lives under a temporary name next to its
// final path and is renamed into place only when complete. Until then it is
// removed when the writer throws, and when the process is stopped by SIGINT,
// SIGTERM or SIGHUP, so a failed or interrupted run never leaves a truncated
// file where a user looks for the result (or a stray temporary beside it).
// Every atomic writer of the project (common/atomic_file.h, image, dataset,
// VCD trace) goes through this one class.
#pragma once

#include <string>

namespace spikecore {

class PendingOutput {
 public:
  // Creates "<final_path>.partial-XXXXXX<suffix>" (unique; the suffix lets a
  // library that appends its own extension, as SystemC's VCD writer does, be
  // handed the name without it). Throws std::runtime_error "cannot write
  // KIND 'PATH': REASON" (KIND: "image", "VCD trace", or nothing) when the
  // directory is missing or not writable.
  explicit PendingOutput(std::string final_path, const std::string& suffix = "",
                         std::string kind = "");
  ~PendingOutput();  // removes the temporary file unless committed
  PendingOutput(const PendingOutput&) = delete;
  PendingOutput& operator=(const PendingOutput&) = delete;

  const std::string& final_path() const { return final_path_; }
  const std::string& temp_path() const { return temp_path_; }
  // The open temporary file (O_WRONLY), or -1 after close_fd().
  int fd() const { return fd_; }
  // Writes all of `size` bytes to fd(); throws naming the final path.
  void write(const void* data, size_t size);
  // Closes fd() for a writer that reopens the temporary by name; throws when
  // close reports a delayed write error.
  void close_fd();
  // Gives the file ordinary permissions (0666 less umask), closes it and
  // renames it onto the final path; throws naming the final path.
  void commit();

 private:
  [[noreturn]] void fail(const std::string& why) const;

  std::string final_path_;
  std::string kind_;
  std::string temp_path_;
  int fd_ = -1;
  int registration_ = -1;  // slot in the remove-on-signal table, -1 if none
  bool committed_ = false;
};

}  // namespace spikecore
