// Quality badge: per-reading thresholds (classify), loss from cumulative counters over a short
// window, and a 2-of-3 / 3-in-a-row filter so the badge does not flicker.
#include "core/quality/quality_meter.hpp"

#include <algorithm>
#include <ostream>

namespace novatalk::quality {
namespace {

static_assert(kLevelWindowSamples >= kSamplesToImprove && kLevelWindowSamples >= kSamplesToWorsen,
              "the window holds the samples both rules look at");

bool known(double v) { return v >= 0; }  // false for NaN too

// Severity order for comparisons: good < weak < bad (unknown is never compared).
int severity(quality_level l) { return static_cast<int>(l); }

// One measure against its two thresholds; `lower_is_better` for time and loss, not bitrate.
quality_level grade(double value, double good, double bad, bool lower_is_better) {
  const bool is_good = lower_is_better ? value < good : value >= good;
  const bool is_bad = lower_is_better ? value >= bad : value < bad;
  if (is_good) return quality_level::good;
  return is_bad ? quality_level::bad : quality_level::weak;
}

quality_level worse(quality_level a, quality_level b) {
  if (a == quality_level::unknown) return b;
  if (b == quality_level::unknown) return a;
  return severity(a) >= severity(b) ? a : b;
}

}  // namespace

const char* to_string(quality_level l) {
  switch (l) {
    case quality_level::unknown:
      return "unknown";
    case quality_level::good:
      return "good";
    case quality_level::weak:
      return "weak";
    case quality_level::bad:
      return "bad";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& os, quality_level l) { return os << to_string(l); }

quality_level classify(double rtt_ms, double loss_pct, double bitrate_bps) {
  quality_level level = quality_level::unknown;
  if (known(rtt_ms)) level = worse(level, grade(rtt_ms, kGoodRttMs, kBadRttMs, true));
  if (known(loss_pct)) level = worse(level, grade(loss_pct, kGoodLossPct, kBadLossPct, true));
  if (known(bitrate_bps)) {
    level = worse(level, grade(bitrate_bps, kGoodBitrateBps, kBadBitrateBps, false));
  }
  return level;
}

quality_level quality_meter::add(const quality_sample& s) {
  rtt_ms_ = known(s.rtt_ms) ? s.rtt_ms : -1;
  if (media_ == call_media::text_only) {
    update_shown(classify(rtt_ms_, -1, -1));
    return shown_;
  }
  bitrate_bps_ = known(s.available_outgoing_bitrate) ? s.available_outgoing_bitrate : -1;
  update_loss(s);
  update_shown(classify(rtt_ms_, loss_pct_, bitrate_bps_));
  return shown_;
}

void quality_meter::update_loss(const quality_sample& s) {
  loss_pct_ = -1;
  if (!known(s.packets_received) || !known(s.packets_lost)) return;  // keep the history
  // Fewer packets received than before: new streams (ICE restart, new peer connection,
  // renegotiation), so the old counters say nothing about these.
  if (!history_.empty() && s.packets_received < history_.back().received) history_.clear();
  history_.push_back({s.packets_received, s.packets_lost});
  if (history_.size() > kLossWindowSamples) history_.pop_front();
  if (history_.size() < 2) return;
  const counters& from = history_.front();
  const double received = s.packets_received - from.received;
  // packetsLost may go down (duplicates, late packets): never below zero.
  const double lost = std::max(0.0, s.packets_lost - from.lost);
  if (received + lost < kMinPacketsForLoss) return;
  loss_pct_ = 100.0 * lost / (received + lost);
}

void quality_meter::update_shown(quality_level instant) {
  if (instant == quality_level::unknown) return;  // nothing new: keep what is shown
  recent_.push_back(instant);
  if (recent_.size() > kLevelWindowSamples) recent_.pop_front();
  if (shown_ == quality_level::unknown) {
    shown_ = instant;  // the first reading shows at once
    return;
  }
  std::deque<quality_level> sorted = recent_;  // worst first
  std::sort(sorted.begin(), sorted.end(),
            [](quality_level a, quality_level b) { return severity(a) > severity(b); });
  if (sorted.size() >= kSamplesToWorsen &&
      severity(sorted[kSamplesToWorsen - 1]) > severity(shown_)) {
    shown_ = sorted[kSamplesToWorsen - 1];  // as bad as at least 2 of the last 3 agree
    return;
  }
  if (recent_.size() < kSamplesToImprove) return;
  quality_level worst_of_run = quality_level::good;
  for (auto it = recent_.end() - kSamplesToImprove; it != recent_.end(); ++it) {
    if (severity(*it) >= severity(shown_)) return;  // not better, all of them
    worst_of_run = worse(worst_of_run, *it);
  }
  shown_ = worst_of_run;
}

void quality_meter::reset() { *this = quality_meter(media_); }

}  // namespace novatalk::quality
