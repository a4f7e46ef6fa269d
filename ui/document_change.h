#pragma once

#include <QMetaType>

namespace streamgen::ui {

/// What an edit touched, so that views update just that (a row's cells, one type's fields)
/// instead of resetting; `Structure` means "anything may have moved".
struct DocumentChange {
    enum class Kind {
        EventType,   ///< one event type's own values (id, weight, enabled); its fields unchanged
        Fields,      ///< the field list of one type (`type` = -1: the common fields)
        RunSettings, ///< generation mode, rates, counts, seed, serialization, sink
        Structure,   ///< event types added, removed or moved, or the whole config replaced
    };
    Kind kind = Kind::Structure;
    int type = -1;

    static DocumentChange eventType(int type) { return {Kind::EventType, type}; }
    static DocumentChange fields(int type) { return {Kind::Fields, type}; }
    static DocumentChange runSettings() { return {Kind::RunSettings, -1}; }
    static DocumentChange structure() { return {Kind::Structure, -1}; }
    bool operator==(const DocumentChange&) const = default;
};

/// Addresses a field: `type` is an event type index, or -1 for the common fields.
struct FieldRef {
    int type = -1;
    int index = 0;
    bool isCommon() const { return type < 0; }
    bool operator==(const FieldRef&) const = default;
};

} // namespace streamgen::ui

// Both travel through QVariant (item roles) and queued signals.
Q_DECLARE_METATYPE(streamgen::ui::DocumentChange)
Q_DECLARE_METATYPE(streamgen::ui::FieldRef)
