package dev.cronmon.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The AWS calls a Lambda function can make, read from the compiled classes of its modules: every method reachable from
 * the handler (its constructors and {@code handleRequest}), following calls through cronmon's classes to every
 * override of the called method, into lambdas and method references where they are created, and into the methods a
 * library may call back on a cronmon object it was given (those implementing a JDK or library type: SnapStart hooks,
 * {@code Runnable}, SDK interceptors, {@code toString}). Of those methods it collects the SDK client operations as IAM
 * actions, the DynamoDB indexes named in queries, and the item actions of transactions.
 *
 * <p>It over-approximates (a reachable branch may never run) and misses only code cronmon reaches by reflection, which
 * the functions' code does not use.
 */
final class AwsCallGraph {
  /** IAM prefix of each SDK client package, {@code software/amazon/awssdk/services/<package>/…Client}. */
  private static final Map<String, String> IAM_PREFIX = Map.of("dynamodb", "dynamodb", "eventbridge", "events",
      "sesv2", "ses", "sns", "sns", "sqs", "sqs");
  private static final Pattern CLIENT = Pattern.compile("software/amazon/awssdk/services/([a-z0-9]+)/[A-Za-z0-9]+Client");
  /** Client methods that make no request. */
  private static final Set<String> LOCAL_CLIENT_METHODS = Set.of("close", "serviceName", "serviceClientConfiguration",
      "waiter", "utilities");
  private static final String TRANSACT_ITEM = "software/amazon/awssdk/services/dynamodb/model/TransactWriteItem$Builder";
  /** A transaction is authorised per item: {@code put} needs dynamodb:PutItem, and so on. */
  private static final Map<String, String> TRANSACT_ITEM_ACTION = Map.of("put", "PutItem", "update", "UpdateItem",
      "delete", "DeleteItem", "conditionCheck", "ConditionCheckItem");
  private static final String UNKNOWN_INDEX = "?";

  /** What the reachable code calls: IAM actions ({@code dynamodb:PutItem}) and the indexes its queries name. */
  record Calls(Set<String> actions, Set<String> queriedIndexes) {}

  private record MethodKey(String owner, String name, String descriptor) {}

  private record Call(int opcode, String owner, String name, String descriptor) {}

  private static final class MethodInfo {
    final List<Call> calls = new ArrayList<>();
    final List<Handle> handles = new ArrayList<>();
    final Set<String> classesTouched = new HashSet<>();
    final Set<String> classesCreated = new HashSet<>();
    final Set<String> indexNames = new HashSet<>();
    boolean isAbstract;
  }

  private record ClassInfo(String name, String superName, List<String> interfaces, Map<String, MethodInfo> methods) {
    MethodInfo method(String name, String descriptor) {
      return methods.get(name + descriptor);
    }
  }

  private final Map<String, ClassInfo> classes = new HashMap<>();
  /** Virtual calls already resolved to their overrides (the same call is made from many methods). */
  private final Set<MethodKey> dispatched = new HashSet<>();
  private final ClassLoader loader = AwsCallGraph.class.getClassLoader();

  /** The classes under these directories (Maven's {@code target/classes} of a function's modules). */
  AwsCallGraph(Collection<Path> classDirectories) {
    for (Path dir : classDirectories) {
      if (!Files.isDirectory(dir)) throw new IllegalStateException(dir + " is missing: compile the modules first");
      try (Stream<Path> files = Files.walk(dir)) {
        files.filter(p -> p.toString().endsWith(".class")).forEach(this::read);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The calls reachable from the handler class {@code handler} (binary name). */
  Calls callsOf(String handler) {
    String entry = handler.replace('.', '/');
    ClassInfo type = classes.get(entry);
    if (type == null) throw new IllegalArgumentException(handler + " is not among the classes read");
    dispatched.clear();
    Set<MethodKey> reached = new HashSet<>();
    Deque<MethodKey> todo = new ArrayDeque<>();
    type.methods().forEach((key, m) -> {
      if (key.startsWith("<init>") || key.startsWith("handleRequest") || key.startsWith("<clinit>")) {
        todo.add(new MethodKey(entry, key.substring(0, key.indexOf('(')), key.substring(key.indexOf('('))));
      }
    });
    Set<String> actions = new TreeSet<>();
    Set<String> indexes = new TreeSet<>();
    while (!todo.isEmpty()) {
      MethodKey key = todo.pop();
      if (!reached.add(key)) continue;
      MethodInfo method = classes.get(key.owner()).method(key.name(), key.descriptor());
      if (method == null) continue;
      indexes.addAll(method.indexNames);
      for (String touched : method.classesTouched) initializer(touched, todo);
      for (String created : method.classesCreated) callbacks(created, todo);
      for (Handle h : method.handles) dispatch(h.getTag() == Opcodes.H_INVOKESTATIC || h.getTag() == Opcodes.H_NEWINVOKESPECIAL
          || h.getTag() == Opcodes.H_INVOKESPECIAL, h.getOwner(), h.getName(), h.getDesc(), todo);
      for (Call c : method.calls) {
        String action = sdkAction(c);
        if (action != null) actions.add(action);
        if (classes.containsKey(c.owner())) {
          dispatch(c.opcode() == Opcodes.INVOKESTATIC || c.opcode() == Opcodes.INVOKESPECIAL, c.owner(), c.name(), c.descriptor(), todo);
        }
      }
    }
    return new Calls(actions, indexes);
  }

  /** IAM action of an SDK call: a client operation, or an item of a write transaction; null for anything else. */
  private static String sdkAction(Call c) {
    Matcher client = CLIENT.matcher(c.owner());
    // Static methods of a client interface (builder(), create()) make no request.
    if (client.matches() && c.opcode() != Opcodes.INVOKESTATIC && !LOCAL_CLIENT_METHODS.contains(c.name())) {
      String prefix = IAM_PREFIX.getOrDefault(client.group(1), "unknown-service-" + client.group(1));
      String operation = Character.toUpperCase(c.name().charAt(0)) + c.name().substring(1).replaceFirst("Paginator$", "");
      return switch (operation) {
        case "TransactWriteItems" -> null; // its items carry the actions (TRANSACT_ITEM_ACTION)
        case "TransactGetItems" -> prefix + ":GetItem";
        default -> prefix + ":" + operation;
      };
    }
    if (c.owner().equals(TRANSACT_ITEM) && TRANSACT_ITEM_ACTION.containsKey(c.name())) {
      return "dynamodb:" + TRANSACT_ITEM_ACTION.get(c.name());
    }
    return null;
  }

  /** Static and special calls go to the method found upwards; virtual ones also to every override below. */
  private void dispatch(boolean exact, String owner, String name, String descriptor, Deque<MethodKey> todo) {
    if (!classes.containsKey(owner)) return;
    initializer(owner, todo);
    declarationsUpwards(owner, name, descriptor, todo, new HashSet<>());
    if (exact || !dispatched.add(new MethodKey(owner, name, descriptor))) return;
    for (ClassInfo c : classes.values()) {
      MethodInfo m = c.method(name, descriptor);
      if (m != null && !m.isAbstract && isSubtype(c.name(), owner)) todo.add(new MethodKey(c.name(), name, descriptor));
    }
  }

  private void declarationsUpwards(String type, String name, String descriptor, Deque<MethodKey> todo, Set<String> seen) {
    ClassInfo c = classes.get(type);
    if (c == null || !seen.add(type)) return;
    MethodInfo m = c.method(name, descriptor);
    if (m != null && !m.isAbstract) {
      todo.add(new MethodKey(type, name, descriptor));
      return;
    }
    declarationsUpwards(c.superName(), name, descriptor, todo, seen);
    for (String i : c.interfaces()) declarationsUpwards(i, name, descriptor, todo, seen);
  }

  private boolean isSubtype(String type, String of) {
    if (type == null) return false;
    if (type.equals(of)) return true;
    ClassInfo c = classes.get(type);
    if (c == null) return false;
    if (isSubtype(c.superName(), of)) return true;
    for (String i : c.interfaces()) if (isSubtype(i, of)) return true;
    return false;
  }

  private void initializer(String type, Deque<MethodKey> todo) {
    ClassInfo c = classes.get(type);
    if (c != null && c.method("<clinit>", "()V") != null) todo.add(new MethodKey(type, "<clinit>", "()V"));
  }

  /**
   * An object of {@code type} handed to a library may be called back through any method it implements for a JDK or
   * library supertype (org.crac's {@code beforeCheckpoint}, {@code run}, {@code toString}, an SDK interceptor's hooks).
   */
  private void callbacks(String type, Deque<MethodKey> todo) {
    if (!classes.containsKey(type)) return;
    Set<String> signatures = new HashSet<>();
    librarySignatures(type, signatures, new HashSet<>());
    for (String t = type; t != null && classes.containsKey(t); t = classes.get(t).superName()) {
      ClassInfo c = classes.get(t);
      for (String signature : signatures) {
        MethodInfo m = c.methods().get(signature);
        int paren = signature.indexOf('(');
        if (m != null && !m.isAbstract) todo.add(new MethodKey(t, signature.substring(0, paren), signature.substring(paren)));
      }
    }
  }

  private void librarySignatures(String type, Set<String> signatures, Set<String> seen) {
    if (type == null || !seen.add(type)) return;
    ClassInfo c = classes.get(type);
    if (c != null) {
      librarySignatures(c.superName(), signatures, seen);
      for (String i : c.interfaces()) librarySignatures(i, signatures, seen);
      return;
    }
    try {
      Class<?> library = Class.forName(type.replace('/', '.'), false, loader);
      for (Method m : library.getMethods()) signatures.add(m.getName() + Type.getMethodDescriptor(m));
      for (Method m : library.getDeclaredMethods()) signatures.add(m.getName() + Type.getMethodDescriptor(m));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("supertype " + type + " of a cronmon class is not on the test classpath", e);
    }
  }

  private void read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
        private ClassInfo info;

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
          info = new ClassInfo(name, superName, List.of(interfaces), new HashMap<>());
          classes.put(name, info);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
          MethodInfo m = new MethodInfo();
          m.isAbstract = (access & Opcodes.ACC_ABSTRACT) != 0;
          info.methods().put(name + descriptor, m);
          return new MethodVisitor(Opcodes.ASM9) {
            private String lastString;

            @Override
            public void visitLdcInsn(Object value) {
              lastString = value instanceof String s ? s : null;
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
              m.calls.add(new Call(opcode, owner, method, desc));
              m.classesTouched.add(owner);
              if (method.equals("indexName") && owner.startsWith("software/amazon/awssdk/services/dynamodb/model/")) {
                m.indexNames.add(lastString == null ? UNKNOWN_INDEX : lastString);
              }
              lastString = null;
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String field, String desc) {
              m.classesTouched.add(owner);
              lastString = null;
            }

            @Override
            public void visitVarInsn(int opcode, int varIndex) {
              lastString = null; // an index name read from a variable is not known here
            }

            @Override
            public void visitTypeInsn(int opcode, String type) {
              if (opcode == Opcodes.NEW) m.classesCreated.add(type);
            }

            @Override
            public void visitInvokeDynamicInsn(String indyName, String desc, Handle bootstrap, Object... arguments) {
              for (Object a : arguments) if (a instanceof Handle h) m.handles.add(h);
            }
          };
        }
      }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
