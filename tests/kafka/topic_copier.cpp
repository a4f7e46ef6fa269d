// A test-owned fault injector for `streamgen verify`: copies a topic into another one, dropping,
// duplicating and altering chosen events on the way, as a faulty pipeline (or a compacted or
// truncated copy) would.
//
//     topic_copier BOOTSTRAP FROM TO [--drop SEQ,...] [--duplicate SEQ,...] [--alter SEQ,...]
//
// Every message of FROM (all partitions, from the beginning up to the end they had when the copy
// began) goes to the same partition of TO (which needs at least as many partitions) with the
// same key and headers, in order. Events are chosen by their `streamgen-seq` header: a dropped
// one is not copied, a duplicated one is copied twice in a row, an altered one gets a changed
// payload (the last digit of its first JSON number moved by one, or else its last byte's low bit
// flipped) and its headers as they were.
//
// Prints `copied N messages from FROM to TO: D dropped, U duplicated, A altered` and exits 0;
// exits 1 when the brokers fail or a chosen sequence number is not in FROM, 2 on bad arguments.

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <librdkafka/rdkafka.h>
#include <set>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kTimeoutMs = 10000;
constexpr auto kIdleTimeout = std::chrono::seconds(30);

struct Options {
    std::string bootstrap;
    std::string from;
    std::string to;
    std::set<uint64_t> drop;
    std::set<uint64_t> duplicate;
    std::set<uint64_t> alter;
};

[[noreturn]] void usage(const std::string& problem) {
    std::cerr << "topic_copier: " << problem << "\n"
              << "usage: topic_copier BOOTSTRAP FROM TO [--drop SEQ,...] [--duplicate SEQ,...] "
                 "[--alter SEQ,...]\n";
    std::exit(2);
}

[[noreturn]] void fail(const std::string& problem) {
    std::cerr << "topic_copier: " << problem << "\n";
    std::exit(1);
}

std::set<uint64_t> sequenceList(const std::string& text) {
    std::set<uint64_t> sequences;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        uint64_t value = 0;
        const char* first = text.data() + start;
        const char* last = text.data() + comma;
        const auto [end, problem] = std::from_chars(first, last, value);
        if (problem != std::errc() || end != last || first == last) {
            usage("not a list of sequence numbers: `" + text + "`");
        }
        sequences.insert(value);
        start = comma + 1;
    }
    return sequences;
}

Options parseArguments(int argc, char** argv) {
    if (argc < 4) {
        usage("expected BOOTSTRAP FROM TO");
    }
    Options options{argv[1], argv[2], argv[3], {}, {}, {}};
    for (int i = 4; i < argc; i += 2) {
        const std::string flag = argv[i];
        if (i + 1 >= argc) {
            usage(flag + " needs a value");
        }
        std::set<uint64_t>* target = flag == "--drop"        ? &options.drop
                                     : flag == "--duplicate" ? &options.duplicate
                                     : flag == "--alter"     ? &options.alter
                                                             : nullptr;
        if (target == nullptr) {
            usage("unknown argument " + flag);
        }
        *target = sequenceList(argv[i + 1]);
    }
    return options;
}

void onDelivery(rd_kafka_t*, const rd_kafka_message_t* message, void*);

rd_kafka_t* client(rd_kafka_type_t type, const std::string& bootstrap,
                   const std::vector<std::pair<std::string, std::string>>& settings) {
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    char reason[512];
    if (rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.c_str(), reason, sizeof reason) !=
        RD_KAFKA_CONF_OK) {
        fail(reason);
    }
    for (const auto& [name, value] : settings) {
        if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), reason, sizeof reason) !=
            RD_KAFKA_CONF_OK) {
            fail(name + ": " + reason);
        }
    }
    if (type == RD_KAFKA_PRODUCER) {
        rd_kafka_conf_set_dr_msg_cb(conf, onDelivery);
    }
    rd_kafka_t* handle = rd_kafka_new(type, conf, reason, sizeof reason);
    if (handle == nullptr) {
        fail(reason);
    }
    return handle;
}

int partitionCount(rd_kafka_t* handle, const std::string& topic) {
    rd_kafka_topic_t* rkt = rd_kafka_topic_new(handle, topic.c_str(), nullptr);
    const rd_kafka_metadata_t* metadata = nullptr;
    const rd_kafka_resp_err_t err = rd_kafka_metadata(handle, 0, rkt, &metadata, kTimeoutMs);
    rd_kafka_topic_destroy(rkt);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        fail("metadata of `" + topic + "`: " + rd_kafka_err2str(err));
    }
    const int count = metadata->topic_cnt == 1 && metadata->topics[0].err == 0
                          ? metadata->topics[0].partition_cnt
                          : 0;
    rd_kafka_metadata_destroy(metadata);
    if (count == 0) {
        fail("topic `" + topic + "` does not exist");
    }
    return count;
}

/// The message's `streamgen-seq`, or -1.
int64_t sequenceOf(rd_kafka_message_t* message) {
    rd_kafka_headers_t* headers = nullptr;
    const void* value = nullptr;
    std::size_t size = 0;
    if (rd_kafka_message_headers(message, &headers) != RD_KAFKA_RESP_ERR_NO_ERROR ||
        rd_kafka_header_get_last(headers, "streamgen-seq", &value, &size) !=
            RD_KAFKA_RESP_ERR_NO_ERROR) {
        return -1;
    }
    const char* digits = static_cast<const char*>(value);
    uint64_t sequence = 0;
    const auto [end, problem] = std::from_chars(digits, digits + size, sequence);
    return problem == std::errc() && end == digits + size ? static_cast<int64_t>(sequence) : -1;
}

/// A deterministic change: the last digit of the first number after a `:` (a JSON value) moved
/// by one (9 becomes 8), else the low bit of the last byte flipped.
std::string altered(std::string payload) {
    for (std::size_t colon = payload.find(':'); colon != std::string::npos;
         colon = payload.find(':', colon + 1)) {
        std::size_t i = colon + 1;
        while (i < payload.size() && (payload[i] == ' ' || payload[i] == '-')) {
            ++i;
        }
        if (i >= payload.size() || payload[i] < '0' || payload[i] > '9') {
            continue;
        }
        std::size_t last = i;
        while (
            last + 1 < payload.size() &&
            ((payload[last + 1] >= '0' && payload[last + 1] <= '9') || payload[last + 1] == '.')) {
            ++last;
        }
        while (payload[last] == '.') {
            --last;
        }
        payload[last] = payload[last] == '9' ? '8' : static_cast<char>(payload[last] + 1);
        return payload;
    }
    if (!payload.empty()) {
        payload.back() = static_cast<char>(payload.back() ^ 1);
    }
    return payload;
}

void produce(rd_kafka_t* producer, rd_kafka_message_t* message, const std::string& to,
             const std::string& value) {
    rd_kafka_headers_t* original = nullptr;
    rd_kafka_message_headers(message, &original);
    for (;;) {
        rd_kafka_headers_t* headers = original ? rd_kafka_headers_copy(original) : nullptr;
        // The vu form: the RD_KAFKA_V_* macros cast in C style.
        rd_kafka_vu_t values[6];
        std::size_t count = 0;
        values[count].vtype = RD_KAFKA_VTYPE_TOPIC;
        values[count++].u.cstr = to.c_str();
        values[count].vtype = RD_KAFKA_VTYPE_PARTITION;
        values[count++].u.i32 = message->partition;
        values[count].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
        values[count++].u.i = RD_KAFKA_MSG_F_COPY;
        values[count].vtype = RD_KAFKA_VTYPE_VALUE;
        values[count++].u.mem = {const_cast<char*>(value.data()), value.size()};
        if (headers != nullptr) {
            values[count].vtype = RD_KAFKA_VTYPE_HEADERS;
            values[count++].u.headers = headers;
        }
        if (message->key != nullptr) {
            values[count].vtype = RD_KAFKA_VTYPE_KEY;
            values[count++].u.mem = {message->key, message->key_len};
        }
        rd_kafka_error_t* error = rd_kafka_produceva(producer, values, count);
        const rd_kafka_resp_err_t err =
            error != nullptr ? rd_kafka_error_code(error) : RD_KAFKA_RESP_ERR_NO_ERROR;
        if (error != nullptr) {
            rd_kafka_error_destroy(error);
        }
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            return;
        }
        if (headers) {
            rd_kafka_headers_destroy(headers);
        }
        if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            fail("producing to `" + to + "`: " + rd_kafka_err2str(err));
        }
        rd_kafka_poll(producer, 10);
    }
}

int failedDeliveries = 0;

void onDelivery(rd_kafka_t*, const rd_kafka_message_t* message, void*) {
    if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        if (failedDeliveries++ == 0) {
            std::cerr << "topic_copier: delivery failed: " << rd_kafka_err2str(message->err)
                      << "\n";
        }
    }
}

} // namespace

int main(int argc, char** argv) {
    const Options options = parseArguments(argc, argv);
    rd_kafka_t* consumer = client(RD_KAFKA_CONSUMER, options.bootstrap, {});
    // Idempotence keeps each partition's copies in order and once, whatever retries happen.
    rd_kafka_t* producer = client(RD_KAFKA_PRODUCER, options.bootstrap,
                                  {{"enable.idempotence", "true"}, {"linger.ms", "5"}});

    const int partitions = partitionCount(consumer, options.from);
    if (partitionCount(producer, options.to) < partitions) {
        fail("`" + options.to + "` has fewer partitions than `" + options.from + "`");
    }
    rd_kafka_topic_t* from = rd_kafka_topic_new(consumer, options.from.c_str(), nullptr);
    rd_kafka_queue_t* queue = rd_kafka_queue_new(consumer);
    std::vector<int64_t> ends(static_cast<std::size_t>(partitions), 0);
    std::vector<int> started;
    int open = 0;
    for (int p = 0; p < partitions; ++p) {
        int64_t low = 0;
        int64_t high = 0;
        const rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(
            consumer, options.from.c_str(), p, &low, &high, kTimeoutMs);
        if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            fail("watermarks of `" + options.from + "`: " + rd_kafka_err2str(err));
        }
        ends[static_cast<std::size_t>(p)] = high;
        if (high > low) {
            if (rd_kafka_consume_start_queue(from, p, RD_KAFKA_OFFSET_BEGINNING, queue) != 0) {
                fail("reading `" + options.from + "`: " + rd_kafka_err2str(rd_kafka_last_error()));
            }
            started.push_back(p);
            ++open;
        } else {
            ends[static_cast<std::size_t>(p)] = -1; // nothing to read
        }
    }

    std::set<uint64_t> seen;
    uint64_t copied = 0;
    auto idleSince = Clock::now();
    while (open > 0) {
        rd_kafka_message_t* message = rd_kafka_consume_queue(queue, 200);
        rd_kafka_poll(producer, 0);
        if (message == nullptr) {
            if (Clock::now() - idleSince > kIdleTimeout) {
                fail("no message from `" + options.from + "` for 30 s");
            }
            continue;
        }
        idleSince = Clock::now();
        int64_t& end = ends[static_cast<std::size_t>(message->partition)];
        if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR || end < 0 || message->offset >= end) {
            rd_kafka_message_destroy(message);
            continue;
        }
        const int64_t sequence = sequenceOf(message);
        const auto chosen = [&](const std::set<uint64_t>& set) {
            return sequence >= 0 && set.count(static_cast<uint64_t>(sequence)) > 0;
        };
        if (sequence >= 0) {
            seen.insert(static_cast<uint64_t>(sequence));
        }
        std::string value(static_cast<const char*>(message->payload),
                          message->payload ? message->len : 0);
        if (chosen(options.alter)) {
            value = altered(std::move(value));
        }
        const int copies = chosen(options.drop) ? 0 : chosen(options.duplicate) ? 2 : 1;
        for (int i = 0; i < copies; ++i) {
            produce(producer, message, options.to, value);
            ++copied;
        }
        if (message->offset + 1 >= end) {
            end = -1;
            --open;
        }
        rd_kafka_message_destroy(message);
    }
    for (const int p : started) {
        rd_kafka_consume_stop(from, p);
    }
    rd_kafka_queue_destroy(queue);
    rd_kafka_topic_destroy(from);
    rd_kafka_destroy(consumer);

    const rd_kafka_resp_err_t flushed = rd_kafka_flush(producer, 30000);
    rd_kafka_destroy(producer);
    if (flushed != RD_KAFKA_RESP_ERR_NO_ERROR || failedDeliveries > 0) {
        fail("not every copy was delivered to `" + options.to + "`");
    }
    for (const std::set<uint64_t>* set : {&options.drop, &options.duplicate, &options.alter}) {
        for (const uint64_t sequence : *set) {
            if (seen.count(sequence) == 0) {
                fail("no message of `" + options.from + "` has streamgen-seq " +
                     std::to_string(sequence));
            }
        }
    }
    std::cout << "copied " << copied << " messages from " << options.from << " to " << options.to
              << ": " << options.drop.size() << " dropped, " << options.duplicate.size()
              << " duplicated, " << options.alter.size() << " altered\n";
    return 0;
}
