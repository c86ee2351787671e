#include "compiler/conv_folds.h"

namespace spikecore::compiler {

void fold_input_scale_shift(Node& conv, const std::vector<int64_t>& input_shape,
                            const std::vector<float>& scale, const std::vector<float>& shift) {
  const Window& w = *conv.window;
  const int64_t oc = conv.shape[0], oh = conv.shape[1], ow = conv.shape[2];
  const int64_t h = input_shape[1], wd = input_shape[2];
  const int64_t kc = conv.weight.dim(1), kh = w.kernel_h, kw = w.kernel_w;
  const int64_t out_per_group = oc / w.groups;
  const bool padded = w.pad_h > 0 || w.pad_w > 0;
  // Bias per output: the conv's own bias plus the shift each output's taps see.
  std::vector<float> bias(size_t(oc * oh * ow));
  for (int64_t o = 0; o < oc; ++o)
    for (int64_t y = 0; y < oh; ++y)
      for (int64_t x = 0; x < ow; ++x) {
        const size_t out = size_t((o * oh + y) * ow + x);
        const size_t own = conv.bias.data.size() == bias.size() ? out : size_t(o);
        double b = conv.bias.empty() ? 0.0 : conv.bias.data[own];
        for (int64_t k = 0; k < kc; ++k) {
          const int64_t c = o / out_per_group * kc + k;  // the input channel
          for (int64_t ky = 0; ky < kh; ++ky) {
            const int64_t iy = y * w.stride_h - w.pad_h + ky;
            if (iy < 0 || iy >= h) continue;
            for (int64_t kx = 0; kx < kw; ++kx) {
              const int64_t ix = x * w.stride_w - w.pad_w + kx;
              if (ix < 0 || ix >= wd) continue;
              b += double(conv.weight.data[size_t(((o * kc + k) * kh + ky) * kw + kx)]) * shift[size_t(c)];
            }
          }
        }
        bias[out] = float(b);
      }
  for (int64_t o = 0; o < oc; ++o)
    for (int64_t k = 0; k < kc; ++k) {
      const float a = scale[size_t(o / out_per_group * kc + k)];
      for (int64_t t = 0; t < kh * kw; ++t) conv.weight.data[size_t((o * kc + k) * kh * kw + t)] *= a;
    }
  if (padded) {
    conv.bias.shape = {oc, oh, ow};
    conv.bias.data = std::move(bias);
  } else {  // every output of a channel sees every tap: one bias per channel
    conv.bias.shape = {oc};
    conv.bias.data.resize(size_t(oc));
    for (int64_t o = 0; o < oc; ++o) conv.bias.data[size_t(o)] = bias[size_t(o * oh * ow)];
  }
}

void fold_avg_pool(Node& conv, const Node& pool) {
  Window& w = *conv.window;
  const Window& p = *pool.window;
  const int64_t oc = conv.weight.dim(0), kc = conv.weight.dim(1);
  const int64_t kh = w.kernel_h + (p.kernel_h - 1) * w.stride_h;
  const int64_t kw = w.kernel_w + (p.kernel_w - 1) * w.stride_w;
  const double share = 1.0 / double(p.kernel_h * p.kernel_w);
  Tensor weight;
  weight.shape = {oc, kc, kh, kw};
  weight.data.assign(size_t(oc * kc * kh * kw), 0.0f);
  for (int64_t o = 0; o < oc; ++o)
    for (int64_t k = 0; k < kc; ++k)
      for (int64_t a = 0; a < p.kernel_h; ++a)
        for (int64_t b = 0; b < p.kernel_w; ++b)
          for (int64_t i = 0; i < w.kernel_h; ++i)
            for (int64_t j = 0; j < w.kernel_w; ++j) {
              const int64_t u = a * w.stride_h + i, v = b * w.stride_w + j;
              weight.data[size_t(((o * kc + k) * kh + u) * kw + v)] += float(
                  share * conv.weight.data[size_t(((o * kc + k) * w.kernel_h + i) * w.kernel_w + j)]);
            }
  // A bias per output averages over each pooling window like the values do.
  const int64_t oh = conv.shape[1], ow = conv.shape[2];
  if (conv.bias.data.size() == size_t(oc * oh * ow)) {
    const int64_t ph = pool.shape[1], pw = pool.shape[2];
    Tensor bias;
    bias.shape = {oc, ph, pw};
    for (int64_t o = 0; o < oc; ++o)
      for (int64_t y = 0; y < ph; ++y)
        for (int64_t x = 0; x < pw; ++x) {
          double sum = 0;
          for (int64_t a = 0; a < p.kernel_h; ++a)
            for (int64_t b = 0; b < p.kernel_w; ++b)
              sum += conv.bias.data[size_t((o * oh + y * p.stride_h + a) * ow + x * p.stride_w + b)];
          bias.data.push_back(float(sum * share));
        }
    conv.bias = std::move(bias);
  }
  conv.weight = std::move(weight);
  w.kernel_h = kh;
  w.kernel_w = kw;
  w.stride_h *= p.stride_h;
  w.stride_w *= p.stride_w;
  conv.shape = pool.shape;
}

}  // namespace spikecore::compiler
