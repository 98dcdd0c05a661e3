package dev.newsfold.claims;

import dev.newsfold.schema.Quantity;
import java.io.Serializable;

/**
 * A number found in text: value (null when only vague), unit (what is counted or the currency code), qualifier
 * (normalised: about, more than, less than, nearly, at least, up to, between), the text as written and its char span.
 */
public record QuantityMention(Double value, String unit, String qualifier, String text, int start, int end)
    implements Serializable {

  public Quantity toAvro() {
    return Quantity.newBuilder().setValue(value).setUnit(unit).setQualifier(qualifier).setText(text).build();
  }
}
