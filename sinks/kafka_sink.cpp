#include "kafka_sink.h"

#include "engine/encoders/encoder_support.h"

#include <algorithm>
#include <charconv>
#include <librdkafka/rdkafka.h>

namespace streamgen {

namespace {

using Clock = std::chrono::steady_clock;

/// A producer configured with `settings`; nullptr and `error` on a bad property.
rd_kafka_t* makeProducer(const KafkaSettings& settings, rd_kafka_conf_t* conf, std::string& error) {
    char reason[512];
    for (const auto& [name, value] : settings.properties) {
        if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), reason, sizeof reason) !=
            RD_KAFKA_CONF_OK) {
            error = "sink_config.properties." + name + ": " + reason;
            rd_kafka_conf_destroy(conf);
            return nullptr;
        }
    }
    rd_kafka_t* producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, reason, sizeof reason);
    if (!producer) {
        error = std::string("cannot create the Kafka producer: ") + reason;
    }
    return producer; // on success rd_kafka_new owns conf; on failure too
}

int propertyMs(const KafkaSettings& settings, const std::string& name, int fallback) {
    const std::string value = settings.property(name);
    try {
        return value.empty() ? fallback : std::stoi(value);
    } catch (const std::exception&) {
        return fallback;
    }
}

} // namespace

KafkaSink::KafkaSink(KafkaSettings settings, std::string name)
    : m_settings(std::move(settings)), m_name(std::move(name)) {}

KafkaSink::~KafkaSink() {
    if (m_producer) {
        close(std::chrono::milliseconds(0));
    }
}

std::string KafkaSink::describe() const {
    return m_name + ":" + m_settings.bootstrapServers + "/" + m_settings.topicTemplate;
}

KafkaSink::ConnectionCheck KafkaSink::checkConnection(const KafkaSettings& settings,
                                                      const std::vector<std::string>& topics,
                                                      std::chrono::milliseconds timeout) {
    std::string error;
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    // The check's outcome is its message; librdkafka's own log lines would only repeat it.
    rd_kafka_conf_set_log_cb(conf, [](const rd_kafka_t*, int, const char*, const char*) {});
    rd_kafka_t* client = makeProducer(settings, conf, error);
    if (!client) {
        return {ConnectionCheck::Status::BadConfig, error};
    }
    ConnectionCheck result = checkTopics(client, settings, topics, timeout);
    rd_kafka_destroy(client);
    return result;
}

KafkaSink::ConnectionCheck KafkaSink::checkTopics(rd_kafka_t* client, const KafkaSettings& settings,
                                                  const std::vector<std::string>& topics,
                                                  std::chrono::milliseconds timeout) {
    using Status = ConnectionCheck::Status;
    ConnectionCheck result;
    const auto deadline = Clock::now() + timeout;
    for (const std::string& name : topics) {
        rd_kafka_topic_t* topic = rd_kafka_topic_new(client, name.c_str(), nullptr);
        const rd_kafka_metadata_t* metadata = nullptr;
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        const rd_kafka_resp_err_t err = rd_kafka_metadata(
            client, 0, topic, &metadata, static_cast<int>(std::max<int64_t>(1, left.count())));
        if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            result = {Status::Unreachable, "cannot reach the Kafka brokers " +
                                               settings.bootstrapServers + " within " +
                                               std::to_string(timeout.count()) +
                                               " ms: " + rd_kafka_err2str(err)};
        } else if (metadata->topic_cnt == 1 &&
                   metadata->topics[0].err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
            result = {Status::MissingTopic, "topic `" + name + "` does not exist on the brokers " +
                                                settings.bootstrapServers +
                                                " (and they do not create topics on demand)"};
        }
        if (metadata) {
            rd_kafka_metadata_destroy(metadata);
        }
        rd_kafka_topic_destroy(topic);
        if (result.status != Status::Ok) {
            break;
        }
    }
    return result;
}

void KafkaSink::registerSchemas(const Plan& plan) {
    const SchemaRegistrySettings& registry = m_settings.registry;
    const Format format = plan.format();
    if (!registry.enabled() || (format != Format::Avro && format != Format::Protobuf)) {
        return;
    }
    const std::string proto = format == Format::Protobuf ? plan.schema() : std::string();
    for (uint32_t type = 0; type < m_typeIds.size(); ++type) {
        const bool avro = format == Format::Avro;
        const std::string record = plan.recordName(type);
        const std::string subject = registry.subjectFor(m_topicNames[type], record);
        const SchemaRegistration registration =
            registerSchema(registry, subject, avro ? plan.avroTypeSchema(type) : proto,
                           avro ? "AVRO" : "PROTOBUF");
        if (!registration.ok()) {
            throw SinkError(registration.error);
        }
        std::string header = wireHeader(registration.id);
        if (!avro) {
            // Confluent's message indexes: the message's path in the .proto as zigzag varints,
            // with the first message written as a single 0.
            if (type == 0) {
                header.push_back('\0');
            } else {
                header.push_back('\2');
                encoding::appendVarint(header, encoding::zigzag(type));
            }
        }
        m_valueHeaders[type] = std::move(header);
    }
}

void KafkaSink::open(const SinkContext& context) {
    m_listener = context.listener;
    m_typeIds = context.eventTypeIds;
    std::vector<std::string> distinct;
    for (const std::string& id : m_typeIds) {
        m_topicNames.push_back(m_settings.topicFor(id));
        if (std::find(distinct.begin(), distinct.end(), m_topicNames.back()) == distinct.end()) {
            distinct.push_back(m_topicNames.back());
        }
    }
    m_valueHeaders.assign(m_typeIds.size(), std::string());
    m_framed.assign(static_cast<std::size_t>(std::max(1, context.workers)), std::string());
    if (context.plan != nullptr) {
        registerSchemas(*context.plan);
    }
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set_dr_msg_cb(conf, &KafkaSink::onDelivery);
    rd_kafka_conf_set_error_cb(conf, &KafkaSink::onError);
    // librdkafka logs to stderr by default; its warnings reach the run's log instead.
    rd_kafka_conf_set_log_cb(conf, &KafkaSink::onLog);
    rd_kafka_conf_set_opaque(conf, this);
    std::string error;
    m_producer = makeProducer(m_settings, conf, error);
    if (!m_producer) {
        throw SinkError(error);
    }
    const std::size_t types = m_typeIds.size();
    m_deliveredCount = std::make_unique<std::atomic<uint64_t>[]>(types);
    m_deliveredBytes = std::make_unique<std::atomic<uint64_t>[]>(types);
    m_failedCount = std::make_unique<std::atomic<uint64_t>[]>(types);

    // A topic that does not exist fails the start with a clear message. Brokers that do not
    // answer yet do not: the run goes on and what cannot be delivered within message.timeout.ms
    // is reported so. The check runs on the producer itself, which is then already connected.
    const int messageTimeout = propertyMs(m_settings, "message.timeout.ms", 30000);
    const auto check = checkTopics(
        m_producer, m_settings, distinct,
        std::chrono::milliseconds(std::clamp(messageTimeout / 3, 500, 5000)));
    if (check.status == ConnectionCheck::Status::MissingTopic) {
        rd_kafka_destroy(m_producer);
        m_producer = nullptr;
        throw SinkError(check.message);
    }
    if (check.status == ConnectionCheck::Status::Unreachable) {
        recordError(check.message);
    }
    for (const std::string& name : m_topicNames) {
        m_topics.push_back(rd_kafka_topic_new(m_producer, name.c_str(), nullptr));
    }
    m_poller = std::thread([this] { pollLoop(); });
}

void KafkaSink::pollLoop() {
    // A backstop that serves delivery reports while the workers are idle (a pause, a slow pace)
    // and hands the sums to the listener. It does not wait inside rd_kafka_poll: a waiting poller
    // would win every report from the producing workers and free their messages on this thread.
    while (!m_stopPolling.load(std::memory_order_acquire)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        rd_kafka_poll(m_producer, 0);
        reportDeliveries();
    }
}

void KafkaSink::reportDeliveries() {
    if (!m_listener) {
        return;
    }
    for (uint32_t type = 0; type < m_typeIds.size(); ++type) {
        const uint64_t delivered = m_deliveredCount[type].exchange(0, std::memory_order_relaxed);
        const uint64_t bytes = m_deliveredBytes[type].exchange(0, std::memory_order_relaxed);
        if (delivered > 0) {
            m_listener->delivered(type, delivered, bytes);
        }
        const uint64_t failed = m_failedCount[type].exchange(0, std::memory_order_relaxed);
        if (failed > 0) {
            m_listener->failed(type, failed);
        }
    }
}

void KafkaSink::write(int worker, const EventBatch& batch) {
    std::string& framed = m_framed[static_cast<std::size_t>(worker)];
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const uint32_t type = batch.typeIndex(i);
        const std::string& header = m_valueHeaders[type];
        if (header.empty()) {
            produce(type, batch.sequence(i), batch.payload(i), batch.key(i));
            continue;
        }
        // librdkafka copies the value (RD_KAFKA_MSG_F_COPY), so one buffer serves every message.
        framed.assign(header);
        framed.append(batch.payload(i));
        produce(type, batch.sequence(i), framed, batch.key(i));
    }
    // Serving delivery reports on the thread that produced the messages frees them where they
    // were allocated: freeing on another thread contends on the allocator's locks (kcat polls
    // on its producing thread for the same reason).
    rd_kafka_poll(m_producer, 0);
}

void KafkaSink::produce(uint32_t type, uint64_t sequence, std::string_view payload,
                        std::string_view key) {
    const std::string& typeId = m_typeIds[type];
    // The event's identity, which `streamgen verify` matches messages by; librdkafka copies
    // header values, so the digits can live on the stack.
    char digits[20];
    const auto sequenceLength =
        static_cast<ssize_t>(std::to_chars(digits, digits + sizeof digits, sequence).ptr - digits);
    for (;;) {
        // librdkafka takes ownership of the headers only when the message is accepted, and needs
        // a set per message: this allocation per event is librdkafka's API, like its copy of the
        // payload.
        rd_kafka_headers_t* headers = rd_kafka_headers_new(2 + m_settings.headers.size());
        rd_kafka_header_add(headers, "event_type_id", -1, typeId.data(),
                            static_cast<ssize_t>(typeId.size()));
        if (m_settings.sequenceHeader) {
            rd_kafka_header_add(headers, kSequenceHeader, -1, digits, sequenceLength);
        }
        for (const auto& [name, value] : m_settings.headers) {
            rd_kafka_header_add(headers, name.data(), static_cast<ssize_t>(name.size()),
                                value.data(), static_cast<ssize_t>(value.size()));
        }
        rd_kafka_vu_t values[6];
        values[0].vtype = RD_KAFKA_VTYPE_RKT;
        values[0].u.rkt = m_topics[type];
        values[1].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
        values[1].u.i = RD_KAFKA_MSG_F_COPY;
        values[2].vtype = RD_KAFKA_VTYPE_VALUE;
        values[2].u.mem = {const_cast<char*>(payload.data()), payload.size()};
        values[3].vtype = RD_KAFKA_VTYPE_HEADERS;
        values[3].u.headers = headers;
        values[4].vtype = RD_KAFKA_VTYPE_OPAQUE;
        values[4].u.ptr = reinterpret_cast<void*>(static_cast<uintptr_t>(type));
        std::size_t count = 5;
        if (!key.empty()) {
            values[5].vtype = RD_KAFKA_VTYPE_KEY;
            values[5].u.mem = {const_cast<char*>(key.data()), key.size()};
            count = 6;
        }
        rd_kafka_error_t* produceError = rd_kafka_produceva(m_producer, values, count);
        const rd_kafka_resp_err_t err =
            produceError ? rd_kafka_error_code(produceError) : RD_KAFKA_RESP_ERR_NO_ERROR;
        if (produceError) {
            rd_kafka_error_destroy(produceError);
        }
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            m_inFlight.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        rd_kafka_headers_destroy(headers);
        if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            // Backpressure: wait (up to a millisecond at a time) for delivery reports to make
            // room. This worker falls behind its schedule, and the pacing slows generation down.
            rd_kafka_poll(m_producer, 1);
            continue;
        }
        recordError(m_topicNames[type] + ": " + rd_kafka_err2str(err));
        m_failed.fetch_add(1, std::memory_order_relaxed);
        if (m_listener) {
            m_listener->failed(type, 1);
        }
        char reason[512];
        if (rd_kafka_fatal_error(m_producer, reason, sizeof reason) != RD_KAFKA_RESP_ERR_NO_ERROR &&
            m_listener) {
            m_listener->fatal(std::string("Kafka fatal error: ") + reason);
        }
        return;
    }
}

void KafkaSink::onDelivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
    auto* self = static_cast<KafkaSink*>(opaque);
    const auto type = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(message->_private));
    self->m_inFlight.fetch_sub(1, std::memory_order_relaxed);
    if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        self->m_deliveredCount[type].fetch_add(1, std::memory_order_relaxed);
        self->m_deliveredBytes[type].fetch_add(message->len + 1, std::memory_order_relaxed);
    } else if (!self->m_purging.load(std::memory_order_relaxed) ||
               (message->err != RD_KAFKA_RESP_ERR__PURGE_QUEUE &&
                message->err != RD_KAFKA_RESP_ERR__PURGE_INFLIGHT)) {
        // Messages close() purges are counted as undelivered there, not as failed; librdkafka
        // purges on its own too (after a fatal error), and those are failures.
        self->m_failed.fetch_add(1, std::memory_order_relaxed);
        self->m_failedCount[type].fetch_add(1, std::memory_order_relaxed);
        self->recordError(self->m_topicNames[type] + ": " + rd_kafka_err2str(message->err));
    }
}

void KafkaSink::onError(rd_kafka_t* producer, int error, const char* reason, void* opaque) {
    auto* self = static_cast<KafkaSink*>(opaque);
    if (error == RD_KAFKA_RESP_ERR__FATAL) {
        char fatal[512];
        rd_kafka_fatal_error(producer, fatal, sizeof fatal);
        if (self->m_listener) {
            self->m_listener->fatal(std::string("Kafka fatal error: ") + fatal);
        }
        return;
    }
    // Transient errors (a broker down, all brokers down) are retried by librdkafka; they are kept
    // to explain a run that ends with undelivered events.
    self->recordError(std::string("Kafka ") + self->m_settings.bootstrapServers + ": " + reason);
}

void KafkaSink::onLog(const rd_kafka_t* producer, int level, const char* facility,
                      const char* message) {
    constexpr int kWarning = 4; // syslog levels: errors and warnings only
    auto* self = static_cast<KafkaSink*>(rd_kafka_opaque(producer));
    if (level <= kWarning && self && self->m_listener) {
        self->m_listener->warning(std::string("Kafka ") + facility + ": " + message);
    }
}

void KafkaSink::recordError(const std::string& message) {
    {
        std::lock_guard lock(m_errorMutex);
        m_lastError = message;
    }
    if (m_listener) {
        m_listener->warning(message);
    }
}

FlushResult KafkaSink::close(std::chrono::milliseconds timeout) {
    FlushResult result;
    if (!m_producer) {
        return result;
    }
    // The poll thread stops first; flush then serves the last delivery reports on this thread.
    m_stopPolling.store(true, std::memory_order_release);
    if (m_poller.joinable()) {
        m_poller.join();
    }
    rd_kafka_flush(m_producer, static_cast<int>(timeout.count()));
    const int64_t inFlight = m_inFlight.load(std::memory_order_relaxed);
    if (inFlight > 0) {
        result.undelivered = static_cast<uint64_t>(inFlight);
        m_purging.store(true, std::memory_order_relaxed);
        rd_kafka_purge(m_producer, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
        rd_kafka_flush(m_producer, 1000); // serves the purged messages' reports
    }
    reportDeliveries();
    for (rd_kafka_topic_t* topic : m_topics) {
        rd_kafka_topic_destroy(topic);
    }
    m_topics.clear();
    rd_kafka_destroy(m_producer);
    m_producer = nullptr;
    // Errors that librdkafka recovered from (a broker that came back) are no failure of the run;
    // they explain one only when events were lost.
    const uint64_t failed = m_failed.load(std::memory_order_relaxed);
    if (result.undelivered > 0 || failed > 0) {
        std::lock_guard lock(m_errorMutex);
        result.error = std::to_string(failed) + " events failed and " +
                       std::to_string(result.undelivered) + " were not delivered to " +
                       m_settings.bootstrapServers + " within the flush timeout; last error: " +
                       m_lastError;
    }
    return result;
}

} // namespace streamgen
