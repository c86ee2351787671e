// Folds that turn what tutorials write around a Conv2d into the Conv2d itself
// (canonicalize): an input normalisation before it, and an average pooling
// right after it (before the ReLU: F.relu(F.avg_pool2d(self.conv1(x), 2))).
// Both are exact: the folded conv computes what the pair computed.
#pragma once

#include <vector>

#include "compiler/ir.h"

namespace spikecore::compiler {

// conv(x * a_c + s_c) with per-input-channel constants a, s: the kernels of
// channel c scale by a_c and the shift becomes bias. With padding a border
// output sees fewer shifted inputs than an inner one, so the bias becomes one
// per output [OC, OH, OW]; without padding it stays one per channel.
void fold_input_scale_shift(Node& conv, const std::vector<int64_t>& input_shape,
                            const std::vector<float>& scale, const std::vector<float>& shift);

// avg_pool(conv(x)) with a pooling window k x k, stride t and no padding is
// one conv of kernel K + (k-1) s, stride s t and the conv's padding: each
// composed weight is the mean of the conv weights the pooling window overlaps.
// `pool` gives the window and the output shape.
void fold_avg_pool(Node& conv, const Node& pool);

}  // namespace spikecore::compiler
