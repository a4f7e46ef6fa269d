// A Kafka-protocol broker for the Kafka sink's tests, on librdkafka's mock cluster.
//
//     mock_broker [--brokers N] [--topic NAME:PARTITIONS]... [--missing NAME]...
//
// It listens on loopback, creates the topics, prints its bootstrap address as the first line of
// stdout, then reads one command per line on stdin and answers each with "ok" or "error ...":
//
//     down BROKER_ID          disconnect a broker and refuse new connections (-1: all)
//     up BROKER_ID            accept connections again (-1: all)
//     errors COUNT CODE       the next COUNT Produce requests fail with Kafka error CODE,
//                             e.g. 7 (REQUEST_TIMED_OUT) or 6 (NOT_LEADER_FOR_PARTITION)
//     errors COUNT CODE BROKER_ID
//                             the same, on that broker only
//     pending BROKER_ID       answers "ok N": N of the broker's own Produce errors are still
//                             to be served (the cluster-wide ones cannot be counted)
//     create NAME PARTITIONS  create a topic
//     missing NAME            answer metadata requests for NAME with UNKNOWN_TOPIC_OR_PART
//     quit                    exit (so does the end of stdin)
//
// Topics that do not exist: the mock cluster (librdkafka 2.0.2) has no broker-side
// `auto.create.topics.enable`; it creates an unknown topic (4 partitions) whenever a Metadata
// request allows auto-creation, and a producer's metadata requests do. Setting
// `allow.auto.create.topics=false` on the producer does not change that in 2.0.2 (tried: an
// explicit rd_kafka_metadata() for an unknown topic still creates it). The broker-side way is
// `missing NAME`: the topic is registered with a topic error, which the mock returns in every
// Metadata answer for it (`Broker: Unknown topic or partition`, 0 partitions), as a broker that
// does not create topics on demand would. Without it, every topic a test names exists.
//
// The mock keeps about 5 MB or 100,000 batches per partition and drops older batches: clients
// that read everything back must consume while producing or use several partitions.

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Topic {
    std::string name;
    int partitions = 1;
};

struct Options {
    int brokers = 1;
    std::vector<Topic> topics;
    std::vector<std::string> missing;
};

[[noreturn]] void usage(const std::string& problem) {
    std::cerr << "mock_broker: " << problem << "\n"
              << "usage: mock_broker [--brokers N] [--topic NAME:PARTITIONS]... "
                 "[--missing NAME]...\n";
    std::exit(2);
}

int toInt(const std::string& text, const std::string& what) {
    try {
        std::size_t used = 0;
        const int value = std::stoi(text, &used);
        if (used == text.size()) {
            return value;
        }
    } catch (const std::exception&) {
    }
    usage(what + ": not a number: `" + text + "`");
}

Options parseArguments(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc) {
            usage(arg + " needs a value");
        }
        const std::string value = argv[++i];
        if (arg == "--brokers") {
            options.brokers = toInt(value, "--brokers");
            if (options.brokers < 1) {
                usage("--brokers must be at least 1");
            }
        } else if (arg == "--topic") {
            const auto colon = value.rfind(':');
            Topic topic{value, 1};
            if (colon != std::string::npos) {
                topic.name = value.substr(0, colon);
                topic.partitions = toInt(value.substr(colon + 1), "--topic partitions");
            }
            if (topic.name.empty() || topic.partitions < 1) {
                usage("--topic expects NAME:PARTITIONS");
            }
            options.topics.push_back(topic);
        } else if (arg == "--missing") {
            options.missing.push_back(value);
        } else {
            usage("unknown argument " + arg);
        }
    }
    return options;
}

/// The Kafka protocol's ApiKey of Produce requests.
constexpr int16_t kProduce = 0;

class Broker {
public:
    Broker(rd_kafka_mock_cluster_t* cluster, int brokers)
        : m_cluster(cluster), m_brokers(brokers) {}

    std::string createTopic(const std::string& name, int partitions) {
        // A replica on every broker (at most 3, as on a real cluster), so that a broker going
        // down is an outage of its leaderships only.
        const int replicas = m_brokers < 3 ? m_brokers : 3;
        const rd_kafka_resp_err_t err =
            rd_kafka_mock_topic_create(m_cluster, name.c_str(), partitions, replicas);
        return err ? std::string("error ") + rd_kafka_err2str(err) : "ok";
    }

    std::string hideTopic(const std::string& name) {
        rd_kafka_mock_topic_set_error(m_cluster, name.c_str(),
                                      RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
        return "ok";
    }

    /// Runs one command line; returns the answer, or "" for quit.
    std::string execute(const std::string& line) {
        std::istringstream in(line);
        std::string command;
        in >> command;
        if (command == "quit") {
            return "";
        }
        if (command == "down" || command == "up") {
            int id = 0;
            if (!(in >> id)) {
                return "error " + command + " expects BROKER_ID";
            }
            const rd_kafka_resp_err_t err = command == "down"
                                                ? rd_kafka_mock_broker_set_down(m_cluster, id)
                                                : rd_kafka_mock_broker_set_up(m_cluster, id);
            return err ? std::string("error ") + rd_kafka_err2str(err) : "ok";
        }
        if (command == "errors") {
            long count = 0;
            int code = 0;
            if (!(in >> count >> code) || count < 1) {
                return "error errors expects COUNT CODE [BROKER_ID]";
            }
            const auto error = static_cast<rd_kafka_resp_err_t>(code);
            int id = 0;
            if (in >> id) {
                // The broker's own stack: its errors can be counted by `pending`.
                for (long i = 0; i < count; ++i) {
                    const rd_kafka_resp_err_t err = rd_kafka_mock_broker_push_request_error_rtts(
                        m_cluster, id, kProduce, 1, error, 0);
                    if (err) {
                        return std::string("error ") + rd_kafka_err2str(err);
                    }
                }
                return "ok";
            }
            // The next `count` Produce requests, on any broker, fail.
            const std::vector<rd_kafka_resp_err_t> errors(static_cast<std::size_t>(count), error);
            rd_kafka_mock_push_request_errors_array(m_cluster, kProduce, errors.size(),
                                                    errors.data());
            return "ok";
        }
        if (command == "pending") {
            int id = 0;
            if (!(in >> id)) {
                return "error pending expects BROKER_ID";
            }
            std::size_t count = 0;
            const rd_kafka_resp_err_t err =
                rd_kafka_mock_broker_error_stack_cnt(m_cluster, id, kProduce, &count);
            return err ? std::string("error ") + rd_kafka_err2str(err)
                       : "ok " + std::to_string(count);
        }
        if (command == "create") {
            std::string name;
            int partitions = 0;
            if (!(in >> name >> partitions) || partitions < 1) {
                return "error create expects NAME PARTITIONS";
            }
            return createTopic(name, partitions);
        }
        if (command == "missing") {
            std::string name;
            if (!(in >> name)) {
                return "error missing expects NAME";
            }
            return hideTopic(name);
        }
        return command.empty() ? "error empty command" : "error unknown command " + command;
    }

private:
    rd_kafka_mock_cluster_t* m_cluster;
    int m_brokers;
};

} // namespace

int main(int argc, char** argv) {
    const Options options = parseArguments(argc, argv);

    // The mock cluster needs a client handle for its bookkeeping; this producer never sends.
    char reason[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "log_level", "3", reason, sizeof reason);
    rd_kafka_t* handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, reason, sizeof reason);
    if (!handle) {
        std::cerr << "mock_broker: " << reason << "\n";
        return 1;
    }
    rd_kafka_mock_cluster_t* cluster = rd_kafka_mock_cluster_new(handle, options.brokers);
    if (!cluster) {
        std::cerr << "mock_broker: cannot create the mock cluster\n";
        rd_kafka_destroy(handle);
        return 1;
    }

    Broker broker(cluster, options.brokers);
    int status = 0;
    for (const Topic& topic : options.topics) {
        const std::string answer = broker.createTopic(topic.name, topic.partitions);
        if (answer != "ok") {
            std::cerr << "mock_broker: topic " << topic.name << ": " << answer << "\n";
            status = 1;
        }
    }
    for (const std::string& name : options.missing) {
        broker.hideTopic(name);
    }

    if (status == 0) {
        // The tests wait for this line before they connect.
        std::cout << rd_kafka_mock_cluster_bootstraps(cluster) << std::endl;
        std::string line;
        while (std::getline(std::cin, line)) {
            const std::string answer = broker.execute(line);
            if (answer.empty()) {
                break;
            }
            std::cout << answer << std::endl;
        }
    }

    rd_kafka_mock_cluster_destroy(cluster);
    rd_kafka_destroy(handle);
    return status;
}
