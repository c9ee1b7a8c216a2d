package dev.herald.platform.secrets;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a string column sealed with {@link SecretsKey}; reads old plain values as they are. */
@Converter
public class SealedConverter implements AttributeConverter<String, String> {
    @Override
    public String convertToDatabaseColumn(String attribute) {
        return attribute == null ? null : SecretsKey.box().seal(attribute);
    }

    @Override
    public String convertToEntityAttribute(String column) {
        return column == null ? null : SecretsKey.box().open(column);
    }
}
