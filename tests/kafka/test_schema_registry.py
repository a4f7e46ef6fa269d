"""The test Schema Registry (schema_registry.py) behaves like Confluent's where the format tests
rely on it: ids, lookups, subjects, refusals, basic auth and its lifetime."""
import json
import signal
import subprocess
import unittest

from registry_fixture import SchemaRegistry

RECORD = json.dumps({"type": "record", "name": "a", "namespace": "streamgen",
                     "fields": [{"name": "x", "type": "long"}]})
OTHER = json.dumps({"type": "record", "name": "b", "namespace": "streamgen",
                    "fields": [{"name": "y", "type": "string"}]})


class RegistryTestCase(unittest.TestCase):
    def start(self, *args, **kwargs):
        registry = SchemaRegistry(*args, **kwargs)
        self.addCleanup(registry.close)
        return registry

    def register(self, registry, subject, schema, **kwargs):
        return registry.request("POST", f"/subjects/{subject}/versions", {"schema": schema},
                                **kwargs)


class Registration(RegistryTestCase):
    def test_same_schema_under_the_same_subject_keeps_its_id(self):
        registry = self.start()
        first = self.register(registry, "events-value", RECORD)
        again = self.register(registry, "events-value", RECORD)
        self.assertEqual(first, (200, {"id": 1}))
        self.assertEqual(again, (200, {"id": 1}))

    def test_ids_are_global_and_increasing(self):
        registry = self.start()
        self.assertEqual(self.register(registry, "t-value", RECORD)[1]["id"], 1)
        self.assertEqual(self.register(registry, "t-value", OTHER)[1]["id"], 2)
        third = json.dumps({"type": "record", "name": "c", "fields": []})
        self.assertEqual(self.register(registry, "streamgen.c", third)[1]["id"], 3)

    def test_schema_is_found_by_id_and_subjects_are_listed(self):
        registry = self.start()
        self.register(registry, "t-value", RECORD)
        self.register(registry, "t-streamgen.b", OTHER)
        self.assertEqual(registry.schema(1), RECORD)
        self.assertEqual(registry.schema(2), OTHER)
        self.assertEqual(registry.subjects(), ["t-value", "t-streamgen.b"])
        self.assertEqual(registry.request("GET", "/schemas/ids/3")[0], 404)

    def test_protobuf_schema_keeps_its_type(self):
        registry = self.start()
        proto = 'syntax = "proto3";\nmessage A { string x = 1; }\n'
        status, body = registry.request("POST", "/subjects/t-value/versions",
                                        {"schemaType": "PROTOBUF", "schema": proto})
        self.assertEqual((status, body), (200, {"id": 1}))
        self.assertEqual(registry.get("/schemas/ids/1"),
                         {"schema": proto, "schemaType": "PROTOBUF"})

    def test_schema_that_is_not_a_string_of_json_is_invalid(self):
        registry = self.start()
        status, body = registry.request("POST", "/subjects/t-value/versions",
                                        {"schema": json.loads(RECORD)})
        self.assertEqual(status, 422)
        self.assertEqual(body["error_code"], 42201)


class FaultModes(RegistryTestCase):
    def test_refusing_registry_answers_409_with_a_confluent_error(self):
        registry = self.start("--refuse")
        status, body = self.register(registry, "events-value", RECORD)
        self.assertEqual(status, 409)
        self.assertEqual(body["error_code"], 409)
        self.assertIn("incompatible", body["message"])
        self.assertEqual(registry.subjects(), [])

    def test_refuse_422_answers_invalid_schema(self):
        registry = self.start("--refuse", "422")
        status, body = self.register(registry, "events-value", RECORD)
        self.assertEqual((status, body["error_code"]), (422, 42201))

    def test_required_auth_answers_401_without_the_credentials(self):
        registry = self.start("--require-auth", "alice:s3cret", auth=("alice", "s3cret"))
        self.assertEqual(self.register(registry, "t-value", RECORD, auth=None)[0], 401)
        self.assertEqual(self.register(registry, "t-value", RECORD,
                                       auth=("alice", "wrong"))[0], 401)
        self.assertEqual(self.register(registry, "t-value", RECORD), (200, {"id": 1}))
        self.assertEqual(registry.request("GET", "/subjects", auth=None)[0], 401)


class Lifetime(RegistryTestCase):
    def test_closing_stdin_stops_the_registry(self):
        registry = self.start()
        registry.proc.stdin.close()
        self.assertEqual(registry.proc.wait(timeout=10), 0)

    def test_sigterm_stops_the_registry(self):
        registry = self.start()
        registry.proc.send_signal(signal.SIGTERM)
        try:
            code = registry.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.fail("the registry ignored SIGTERM")
        self.assertEqual(code, 0)


if __name__ == "__main__":
    unittest.main()
