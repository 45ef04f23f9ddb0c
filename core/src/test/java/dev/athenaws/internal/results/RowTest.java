package dev.athenaws.internal.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowTest {
  @Test
  void aRowBuiltFromAModifiableListCannotBeChangedThroughTheRow() {
    List<Object> values = new ArrayList<>(Arrays.asList("a", null));
    Row row = new Row(values);

    assertThatThrownBy(() -> row.values().set(0, "b"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(row.get(0)).isEqualTo("a");
    assertThat(row.get(1)).isNull();
    assertThat(row.size()).isEqualTo(2);
  }

  @Test
  void wrappedAndConstructedRowsWithTheSameValuesAreEqual() {
    assertThat(Row.wrap(new Object[] {1, null})).isEqualTo(new Row(Arrays.asList(1, null)));
  }
}
