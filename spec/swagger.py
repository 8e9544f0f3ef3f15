"""Build a Swagger 2.0 document from the operations and models parsed out of the Python SDK."""

import json
import re
from typing import Dict, Iterable, List, Optional, Set

from sdk_parser import ApiMethod, ApiParameter, Model, SdkSourceError

# swagger-codegen's Python type names for Swagger 2.0 primitive types and formats.
PRIMITIVE_SCHEMAS = {
    "str": {"type": "string"},
    "int": {"type": "integer", "format": "int32"},
    "float": {"type": "number", "format": "float"},
    "bool": {"type": "boolean"},
    "datetime": {"type": "string", "format": "date-time"},
    "date": {"type": "string", "format": "date"},
    "object": {"type": "object"},
    # The SDK names two string formats of the definition as if they were models:
    # a date-time without offset (parsed into a naive Python datetime) and a
    # "YYYY-MM" month (its own YearMonth class). No models/*.py file defines either.
    # NOTE: the format names are chosen here. The official names are not in the package.
    "LocalDateTime": {"type": "string", "format": "local-date-time"},
    "YearMonth": {"type": "string", "format": "year-month"},
}

_LIST_PATTERN = re.compile(r"list\[(?P<item>.+)\]")
_DICT_PATTERN = re.compile(r"dict\(str, ?(?P<value>.+)\)")
_MODEL_NAME_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

SPEC_HOST = "api.mypurecloud.com"

# The schemes in the SDK's Configuration.auth_settings. The SDK's own login
# methods post to https://login.<region host>/oauth/token, so the OAuth scheme
# is given with that token URL. Its scopes are not in the package.
SECURITY_DEFINITIONS = {
    "PureCloud OAuth": {
        "type": "oauth2",
        "flow": "application",
        "tokenUrl": "https://login.mypurecloud.com/oauth/token",
        "scopes": {},
    },
    "Guest Chat JWT": {"type": "apiKey", "in": "header", "name": "Authorization"},
}


def schema_for_type(type_text: str, model_names: Set[str]) -> dict:
    """Map a swagger-codegen Python type string to a Swagger 2.0 schema.

    `int` is mapped to int32 and `float` to float: the Python SDK uses one type
    for int32 and int64, and one for float and double, so the wider formats
    cannot be distinguished.
    """
    type_text = type_text.strip()
    if type_text in PRIMITIVE_SCHEMAS:
        return dict(PRIMITIVE_SCHEMAS[type_text])

    list_match = _LIST_PATTERN.fullmatch(type_text)
    if list_match:
        return {"type": "array", "items": schema_for_type(list_match.group("item"), model_names)}

    dict_match = _DICT_PATTERN.fullmatch(type_text)
    if dict_match:
        return {"type": "object", "additionalProperties": schema_for_type(dict_match.group("value"), model_names)}

    if _MODEL_NAME_PATTERN.fullmatch(type_text):
        if type_text not in model_names:
            raise SdkSourceError(f"type '{type_text}' is neither a primitive nor a model in models/")
        return {"$ref": f"#/definitions/{type_text}"}

    raise SdkSourceError(f"type '{type_text}' has no Swagger 2.0 mapping")


def operation_id(python_name: str) -> str:
    """Convert a Python method name to the camelCase operation id, e.g. get_users_me -> getUsersMe."""
    first, *rest = python_name.split("_")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


def python_method_name(operation: str) -> str:
    """Convert an operation id to snake_case with the word splitting rules of swagger-codegen.

    Used to check that `operation_id` inverts the SDK's own conversion.
    """
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", operation)
    text = re.sub(r"([a-z\d])([A-Z])", r"\1_\2", text)
    return text.replace("-", "_").lower()


def _enum_values(values: List[str], schema: dict, context: str) -> list:
    # The SDK stores every enum value as a string, so integer enums are converted back.
    if schema.get("type") == "integer":
        try:
            return [int(value) for value in values]
        except ValueError as error:
            raise SdkSourceError(f"{context}: integer enum has a non-integer value: {error}") from None
    return list(values)


def model_definition(model: Model, model_names: Set[str]) -> dict:
    """Build the Swagger 2.0 definition of one model."""
    properties = {}
    for prop in model.properties:
        context = f"{model.name}.{prop.python_name}"
        try:
            schema = schema_for_type(prop.type, model_names)
        except SdkSourceError as error:
            raise SdkSourceError(f"{context}: {error}") from None
        if prop.enum is not None:
            schema["enum"] = _enum_values(prop.enum, schema, context)
        if prop.description:
            # Also next to a $ref. JSON Schema ignores siblings of $ref, so a generator must read it here.
            schema["description"] = prop.description
        if prop.json_name in properties:
            raise SdkSourceError(f"{context}: JSON name '{prop.json_name}' is used twice")
        properties[prop.json_name] = schema

    definition = {"type": "object", "properties": properties}
    if model.description:
        definition["description"] = model.description
    return definition


def parameter_object(parameter: ApiParameter, model_names: Set[str], context: str) -> dict:
    """Build the Swagger 2.0 parameter object of one API method parameter."""
    result = {"name": parameter.json_name, "in": parameter.location, "required": parameter.required}
    if parameter.description:
        result["description"] = parameter.description
    if parameter.location == "formData" and parameter.type == "file":
        # NOTE: no operation of SDK 269.0.0 has form or file parameters, so this path is untested on real sources.
        result["type"] = "file"
        return result
    try:
        schema = schema_for_type(parameter.type, model_names)
    except SdkSourceError as error:
        raise SdkSourceError(f"{context}, parameter '{parameter.python_name}': {error}") from None

    if parameter.location == "body":
        result["schema"] = schema
        return result

    if "$ref" in schema or schema.get("type") == "object" or schema.get("items", {}).get("type") == "array":
        raise SdkSourceError(
            f"{context}, parameter '{parameter.python_name}': type '{parameter.type}' cannot be a {parameter.location} parameter"
        )
    result.update(schema)
    return result


def _response_schema(response_type: Optional[str], model_names: Set[str], context: str) -> Optional[dict]:
    if response_type is None:
        return None
    try:
        return schema_for_type(response_type, model_names)
    except SdkSourceError as error:
        raise SdkSourceError(f"{context}, response: {error}") from None


def operation_object(method: ApiMethod, model_names: Set[str]) -> dict:
    """Build the Swagger 2.0 operation object of one API method."""
    context = f"{method.group}Api.{method.python_name}"
    parameters = [parameter_object(parameter, model_names, context) for parameter in method.parameters]

    response = {"description": "successful operation"}
    schema = _response_schema(method.response_type, model_names, context)
    if schema is not None:
        response["schema"] = schema

    operation = {
        "operationId": operation_id(method.python_name),
        "x-purecloud-method-name": method.python_name,
        "tags": [method.group],
        "summary": method.summary,
        "parameters": parameters,
        "responses": {"200": response},
        "produces": list(method.produces),
        "consumes": list(method.consumes),
        "security": [{name: []} for name in method.auth_settings],
    }
    if method.description:
        operation["description"] = method.description
    if method.deprecated:
        operation["deprecated"] = True
    if method.preview:
        operation["x-genesys-preview"] = True
    return operation


def merge_operations(methods: Iterable[ApiMethod], model_names: Set[str]) -> Dict[str, Dict[str, dict]]:
    """Group the methods by path and HTTP method into Swagger 2.0 path items.

    The SDK repeats an operation in every API class whose tag it carries, so the
    copies must agree on everything but the class. Their tags are merged, sorted.
    """
    paths: Dict[str, Dict[str, dict]] = {}
    for method in methods:
        operation = operation_object(method, model_names)
        path_item = paths.setdefault(method.path, {})
        existing = path_item.get(method.http_method)
        if existing is None:
            path_item[method.http_method] = operation
            continue

        without_tags = {key: value for key, value in operation.items() if key != "tags"}
        existing_without_tags = {key: value for key, value in existing.items() if key != "tags"}
        if without_tags != existing_without_tags:
            raise SdkSourceError(
                f"{method.http_method.upper()} {method.path} is defined differently in "
                f"{', '.join(existing['tags'])} and {method.group}"
            )
        existing["tags"] = sorted(set(existing["tags"]) | {method.group})
    return paths


def build_document(methods: List[ApiMethod], models: List[Model], sdk_version: str, origin_note: str) -> dict:
    """Assemble the whole Swagger 2.0 document."""
    model_names = {model.name for model in models}
    if len(model_names) != len(models):
        raise SdkSourceError("two model files define a class with the same name")

    groups = sorted({method.group for method in methods})
    return {
        "swagger": "2.0",
        "info": {
            "title": "Genesys Cloud Platform API v2",
            "version": sdk_version,
            "description": origin_note,
        },
        "host": SPEC_HOST,
        "basePath": "/",
        "schemes": ["https"],
        "consumes": ["application/json"],
        "produces": ["application/json"],
        "securityDefinitions": SECURITY_DEFINITIONS,
        "tags": [{"name": group, "x-purecloud-api-class": f"{group}Api"} for group in groups],
        "paths": merge_operations(methods, model_names),
        "definitions": {model.name: model_definition(model, model_names) for model in models},
    }


def serialize(document: dict) -> bytes:
    """Serialize the document in its committed form: sorted keys, 2-space indent, trailing newline."""
    return (json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
