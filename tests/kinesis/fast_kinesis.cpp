// A Kinesis endpoint that answers at once: every record of a PutRecords request succeeds and
// nothing is kept. The kinesis sink's benchmark (tests/bench/kinesis_vs_kafka.py) measures the
// sink's own cost against it. Prints "listening PORT" once it accepts connections.
#include <cstdio>
#include <httplib.h>
#include <string>
#include <string_view>

namespace {

std::size_t countRecords(std::string_view body) {
    std::size_t count = 0;
    for (std::size_t at = body.find("\"PartitionKey\""); at != std::string_view::npos;
         at = body.find("\"PartitionKey\"", at + 1)) {
        ++count;
    }
    return count;
}

std::string putRecordsAnswer(std::size_t records) {
    std::string out = "{\"FailedRecordCount\":0,\"Records\":[";
    for (std::size_t i = 0; i < records; ++i) {
        out += i == 0 ? "" : ",";
        out += R"({"SequenceNumber":"1","ShardId":"shardId-000000000000"})";
    }
    return out + "]}";
}

} // namespace

int main(int argc, char** argv) {
    const int requested = argc > 1 ? std::stoi(argv[1]) : 0;
    httplib::Server server;
    // Answers go out in two writes (head, body): without TCP_NODELAY the second waits for the
    // client's delayed ACK, 40 ms per request.
    server.set_tcp_nodelay(true);
    server.Post("/", [](const httplib::Request& request, httplib::Response& response) {
        const std::string target = request.get_header_value("X-Amz-Target");
        if (target.ends_with(".PutRecords")) {
            response.set_content(putRecordsAnswer(countRecords(request.body)),
                                 "application/x-amz-json-1.1");
        } else if (target.ends_with(".DescribeStreamSummary")) {
            response.set_content(
                R"({"StreamDescriptionSummary":{"StreamStatus":"ACTIVE","OpenShardCount":4}})",
                "application/x-amz-json-1.1");
        } else {
            response.status = 400;
            response.set_content(R"({"__type":"UnknownOperationException"})",
                                 "application/x-amz-json-1.1");
        }
    });
    const int port = requested > 0 ? (server.bind_to_port("127.0.0.1", requested) ? requested : -1)
                                   : server.bind_to_any_port("127.0.0.1");
    if (port <= 0) {
        std::fprintf(stderr, "fast_kinesis: cannot listen\n");
        return 1;
    }
    std::printf("listening %d\n", port);
    std::fflush(stdout);
    return server.listen_after_bind() ? 0 : 1;
}
