#pragma once

#include "engine/plan.h"
#include "model/config.h"
#include "record_source.h"

#include <memory>
#include <string>

namespace streamgen {

/// Reads the landing folder of a `file` sink back: every complete file of the plan's format
/// (files still being written are hidden under a leading `.`), line by line, CSV header lines
/// left out. Text formats only (JSON Lines, CSV): Avro and Protobuf files are refused.
class FileRecordSource : public RecordSource {
public:
    FileRecordSource(std::string folder, const Plan& plan);
    std::string describe() const override;
    void read(const std::function<void(const ReceivedRecord&)>& each) override;

private:
    std::string m_folder;
    std::string m_extension;
    bool m_header = false;
};

/// The `reader` of the file sink's descriptor.
std::unique_ptr<RecordSource> makeFileRecordSource(const SinkConfig& sink, const Plan& plan,
                                                   std::string& error);

} // namespace streamgen
