package org.sparktune.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads and edits the one-line JSON metadata of a stage saved on the local file system, as a
 * save by another build (or one cut short) would have left it.
 */
public final class SavedMetadata {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SavedMetadata() {}

  /** Applies {@code edit} to {@code path}/metadata in place, dropping its checksum files. */
  public static void edit(String path, Consumer<ObjectNode> edit) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(Path.of(path, "metadata"))) {
      files = list.toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.endsWith(".crc")) {
        Files.delete(file);
      } else if (name.startsWith("part-") && Files.size(file) > 0) {
        ObjectNode meta = (ObjectNode) JSON.readTree(Files.readString(file));
        edit.accept(meta);
        Files.writeString(file, meta + "\n");
      }
    }
  }

  /** The metadata of the stage saved at {@code path}. */
  public static ObjectNode read(String path) throws IOException {
    ObjectNode[] out = new ObjectNode[1];
    edit(path, meta -> out[0] = meta.deepCopy());
    return out[0];
  }
}
