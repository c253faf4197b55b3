import { dependencyCycle } from "./dependency-graph";

describe("dependencyCycle", () => {
  it("finds a cycle through references and depends_on", () => {
    const stack = {
      resource: {
        aws_a: { x: { ref: "${aws_b.y.id}" } },
        aws_b: { y: { depends_on: ["aws_a.x"] } },
      },
    };
    expect(dependencyCycle(stack)).toEqual(["aws_a.x", "aws_b.y", "aws_a.x"]);
  });

  it("accepts an acyclic stack", () => {
    expect(dependencyCycle({ resource: { aws_a: { x: { ref: "${data.aws_b.y.id}" } } }, data: { aws_b: { y: {} } } })).toBeUndefined();
  });
});
