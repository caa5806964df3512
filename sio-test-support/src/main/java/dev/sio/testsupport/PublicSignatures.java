package dev.sio.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The public API of a package as a user sees it, for tests that keep a library's types out of it:
 * every public (or protected) constructor, method and field of the package's public classes whose
 * signature (parameters, result, exceptions, supertypes) mentions a type of another package.
 */
public final class PublicSignatures {
  private PublicSignatures() {}

  /**
   * The signatures of the public API of {@code member}'s package (the classes compiled next to it,
   * not its sub-packages, not the test classes of the same package) that name a type under {@code
   * foreignPrefix} (such as {@code "io.lettuce."}), each as {@code Class.member(parameter types…)
   * -> result}, sorted.
   *
   * @param member any class of the package to check
   * @param foreignPrefix the prefix of the types that must not appear
   * @return the offending signatures, empty when there is none
   */
  public static List<String> mentioning(Class<?> member, String foreignPrefix) {
    TreeSet<String> found = new TreeSet<>();
    for (Class<?> type : publicClasses(member)) {
      for (Type t : supertypes(type)) {
        if (t.getTypeName().contains(foreignPrefix)) {
          found.add(type.getSimpleName() + " extends/implements " + t.getTypeName());
        }
      }
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        check(
            found,
            foreignPrefix,
            type,
            c,
            c.getGenericParameterTypes(),
            c.getGenericExceptionTypes(),
            null);
      }
      for (Method m : type.getDeclaredMethods()) {
        check(
            found,
            foreignPrefix,
            type,
            m,
            m.getGenericParameterTypes(),
            m.getGenericExceptionTypes(),
            m.getGenericReturnType());
      }
      for (Field f : type.getDeclaredFields()) {
        if (visible(f) && f.getGenericType().getTypeName().contains(foreignPrefix)) {
          found.add(type.getSimpleName() + "." + f.getName());
        }
      }
    }
    return new ArrayList<>(found);
  }

  private static void check(
      TreeSet<String> found,
      String foreignPrefix,
      Class<?> owner,
      Member member,
      Type[] parameters,
      Type[] exceptions,
      Type result) {
    if (!visible(member) || member.getDeclaringClass() != owner) {
      return;
    }
    List<Type> all = new ArrayList<>(Arrays.asList(parameters));
    all.addAll(Arrays.asList(exceptions));
    if (result != null) {
      all.add(result);
    }
    String signature =
        owner.getSimpleName()
            + "."
            + (member instanceof Constructor<?> ? "<init>" : member.getName())
            + "("
            + String.join(", ", Arrays.stream(parameters).map(Type::getTypeName).toList())
            + ")"
            + (result == null ? "" : " -> " + result.getTypeName());
    if (all.stream().anyMatch(t -> t.getTypeName().contains(foreignPrefix))) {
      found.add(signature);
    }
  }

  private static boolean visible(Member member) {
    int m = member.getModifiers();
    return (Modifier.isPublic(m) || Modifier.isProtected(m)) && !member.isSynthetic();
  }

  private static List<Type> supertypes(Class<?> type) {
    List<Type> out = new ArrayList<>(Arrays.asList(type.getGenericInterfaces()));
    if (type.getGenericSuperclass() != null) {
      out.add(type.getGenericSuperclass());
    }
    return out;
  }

  private static List<Class<?>> publicClasses(Class<?> member) {
    String packageName = member.getPackageName();
    ClassLoader loader = member.getClassLoader();
    Path dir;
    try {
      URL root = member.getProtectionDomain().getCodeSource().getLocation();
      dir = Path.of(root.toURI()).resolve(packageName.replace('.', '/'));
    } catch (URISyntaxException | RuntimeException e) {
      throw new IllegalStateException("cannot locate the classes of " + packageName, e);
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("package " + packageName + " is not in a class directory");
    }
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".class") || name.equals("package-info.class")) {
          continue;
        }
        Class<?> c = Class.forName(packageName + "." + name.replace(".class", ""), false, loader);
        if (isPublic(c)) {
          classes.add(c);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return classes;
  }

  private static boolean isPublic(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) {
        return false;
      }
    }
    return true;
  }
}
