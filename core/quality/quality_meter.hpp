// The call-quality badge (good / weak / bad) from the getStats samples the browser adapter takes
// about once a second: round-trip time, packet loss over the last seconds, available bitrate.
#pragma once

#include <cstddef>
#include <deque>
#include <iosfwd>

namespace novatalk::quality {

enum class quality_level { unknown, good, weak, bad };
const char* to_string(quality_level l);  // "unknown", "good", "weak", "bad"
std::ostream& operator<<(std::ostream& os, quality_level l);

// Thresholds: good when every known measure is good, bad when any is bad, weak otherwise.
//   round-trip time  good < 250 ms    bad >= 500 ms
//   packet loss      good < 2 %       bad >= 8 %      (inbound, all media, last few seconds)
//   outgoing bitrate good >= 300 kbps bad < 100 kbps  (availableOutgoingBitrate)
inline constexpr double kGoodRttMs = 250;
inline constexpr double kBadRttMs = 500;
inline constexpr double kGoodLossPct = 2;
inline constexpr double kBadLossPct = 8;
inline constexpr double kGoodBitrateBps = 300'000;
inline constexpr double kBadBitrateBps = 100'000;
// Loss is measured between the newest sample and the one this many samples back (about
// 4 s at one sample a second), and only over at least kMinPacketsForLoss packets, so a lost
// packet or two in a quiet second does not read as 50 %.
inline constexpr std::size_t kLossWindowSamples = 5;
inline constexpr double kMinPacketsForLoss = 20;
// Against flicker: the badge gets worse when 2 of the last 3 samples are worse than it shows,
// and better only after 3 samples in a row are better.
inline constexpr std::size_t kLevelWindowSamples = 3;
inline constexpr std::size_t kSamplesToWorsen = 2;
inline constexpr std::size_t kSamplesToImprove = 3;

// One getStats reading; any negative value (or NaN) means "not known".
struct quality_sample {
  double rtt_ms = -1;                      // selected candidate pair's currentRoundTripTime, in ms
  double packets_received = -1;            // cumulative, inbound-rtp, summed over all media
  double packets_lost = -1;                // cumulative, inbound-rtp, summed over all media
  double available_outgoing_bitrate = -1;  // bits per second, selected candidate pair
};

// What carries the call: a text-only call has no media, so only round-trip time counts (no
// packets to lose, and the bandwidth estimate stays low when nothing is sent).
enum class call_media { audio_video, text_only };

// The level of one reading, before smoothing; negative or NaN arguments are unknown and skipped.
// unknown when nothing is known.
quality_level classify(double rtt_ms, double loss_pct, double bitrate_bps);

class quality_meter {
 public:
  explicit quality_meter(call_media media = call_media::audio_video) : media_(media) {}

  // Adds a reading and returns the badge to show now.
  quality_level add(const quality_sample& s);

  quality_level level() const { return shown_; }
  double rtt_ms() const { return rtt_ms_; }            // latest, -1 when not known
  double loss_pct() const { return loss_pct_; }        // over the window, -1 when not known
  double bitrate_bps() const { return bitrate_bps_; }  // latest, -1 when not known

  // A new call (new peer connection): forget everything, keep the media kind.
  void reset();

 private:
  struct counters {
    double received;
    double lost;
  };
  void update_loss(const quality_sample& s);
  void update_shown(quality_level instant);

  call_media media_;
  std::deque<counters> history_;      // newest at the back, at most kLossWindowSamples
  std::deque<quality_level> recent_;  // known instant levels, at most kLevelWindowSamples
  quality_level shown_ = quality_level::unknown;
  double rtt_ms_ = -1;
  double loss_pct_ = -1;
  double bitrate_bps_ = -1;
};

}  // namespace novatalk::quality
