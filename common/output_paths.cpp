#include "common/output_paths.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <system_error>

namespace spikecore {
namespace {

// What makes two paths the same file: the inode when the file exists, else
// the resolved absolute path it would be created at.
struct FileIdentity {
  bool exists = false;
  dev_t device = 0;
  ino_t inode = 0;
  std::string resolved;

  bool same_as(const FileIdentity& other) const {
    if (exists && other.exists) return device == other.device && inode == other.inode;
    if (exists != other.exists) return false;
    return resolved == other.resolved;
  }
};

FileIdentity identity_of(const std::string& path) {
  FileIdentity id;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    id.exists = true;
    id.device = st.st_dev;
    id.inode = st.st_ino;
    return id;
  }
  std::error_code ec;
  const auto resolved = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  id.resolved = ec ? std::filesystem::path(path).lexically_normal().string() : resolved.string();
  return id;
}

std::string describe(const FileArgument& a) { return a.flag + " " + a.path; }

}  // namespace

void require_outputs_apart(const std::vector<FileArgument>& inputs,
                           const std::vector<FileArgument>& outputs) {
  std::vector<std::pair<const FileArgument*, FileIdentity>> seen_outputs;
  for (const FileArgument& out : outputs) {
    if (out.path.empty()) continue;
    const FileIdentity out_id = identity_of(out.path);
    for (const FileArgument& in : inputs) {
      if (in.path.empty()) continue;
      if (out_id.same_as(identity_of(in.path)))
        throw OutputClobbersError(describe(out) + " is the same file as " + describe(in) +
                                  ": writing it would destroy the input; give the output "
                                  "another name (nothing was done)");
    }
    for (const auto& [earlier, earlier_id] : seen_outputs)
      if (out_id.same_as(earlier_id))
        throw OutputClobbersError(describe(*earlier) + " and " + describe(out) +
                                  " name the same file: one output would overwrite the other; "
                                  "give each its own name (nothing was done)");
    seen_outputs.emplace_back(&out, out_id);
  }
}

std::string unwritable_output_reason(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return "is a directory, expected a file name";
  const auto slash = path.find_last_of('/');
  const std::string dir =
      slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || ::access(dir.c_str(), W_OK) != 0)
    return "directory '" + dir + "' does not exist or is not writable";
  return "";
}

}  // namespace spikecore
