package io.atlasoperator.demo;

import io.atlasoperator.testing.Kubectl;
import io.atlasoperator.testing.LocalKubeApiServer;
import java.nio.file.Path;

/**
 * The operator on an embedded default: starts a local kube-apiserver and etcd, installs the CRD,
 * applies operator/samples/ and shows the resources as kubectl prints them.
 */
public final class EmbeddedDemo {

  private EmbeddedDemo() {}

  public static void main(String[] args) {
    System.out.println("Starting a local kube-apiserver " + LocalKubeApiServer.VERSION + " ...");
    try (LocalKubeApiServer kube = LocalKubeApiServer.start()) {
      kube.installCrd();
      System.out.println("CRD atlasdatabaseusers.atlasoperator.io is Established.");
      kube.createNamespace("demo");
      Kubectl kubectl = new Kubectl(kube);
      print(kubectl.run("apply", "-n", "demo", "-k", Path.of("operator", "samples").toString()));
      print(kubectl.run("get", "atlasdatabaseusers", "-n", "demo"));
    }
  }

  private static void print(Kubectl.Result result) {
    System.out.print(result.stdout());
    System.err.print(result.stderr());
    if (!result.succeeded()) {
      throw new IllegalStateException("kubectl exited with " + result.exitCode());
    }
  }
}
