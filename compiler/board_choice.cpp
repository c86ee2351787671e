#include "compiler/board_choice.h"

#include <algorithm>
#include <tuple>

#include "isa/isa.h"

namespace spikecore::compiler {
namespace {

bool forced(const CompileOptions& o) { return o.board_width != 0 && o.board_height != 0; }

}  // namespace

TargetSize target_size(const CompileOptions& o) {
  TargetSize t;
  t.cores_per_chip = o.mesh_width * o.mesh_height;
  t.board_width = forced(o) ? o.board_width : isa::kMaxBoardWidth;
  t.board_height = forced(o) ? o.board_height : isa::kMaxBoardHeight;
  t.chips = t.board_width * t.board_height;
  t.largest_board = !forced(o);
  return t;
}

std::vector<BoardShape> candidate_boards(const CompileOptions& o, unsigned min_chips) {
  if (forced(o)) return {{o.board_width, o.board_height}};
  std::vector<BoardShape> shapes;
  for (unsigned w = 1; w <= isa::kMaxBoardWidth; ++w)
    for (unsigned h = 1; h <= isa::kMaxBoardHeight; ++h)
      if (w * h >= min_chips) shapes.push_back({w, h});
  auto key = [&](const BoardShape& b) {
    const unsigned x = b.first * o.mesh_width, y = b.second * o.mesh_height;
    const double aspect = double(std::max(x, y)) / std::min(x, y);
    return std::make_tuple(b.first * b.second, aspect, -int(b.first));
  };
  std::stable_sort(shapes.begin(), shapes.end(),
                   [&](const BoardShape& a, const BoardShape& b) { return key(a) < key(b); });
  std::vector<BoardShape> one_per_count;
  for (const BoardShape& b : shapes)
    if (one_per_count.empty() ||
        one_per_count.back().first * one_per_count.back().second != b.first * b.second)
      one_per_count.push_back(b);
  return one_per_count;
}

}  // namespace spikecore::compiler
