// cdktf records where every token was created by capturing a full stack into a plain object,
// thousands of times per synth (and under jest each capture also goes through jest's source-map
// support). Real errors keep their usual stack; those records stay empty.
module.exports = function skipTokenTraces(ErrorClass = Error) {
  const captureStackTrace = ErrorClass.captureStackTrace;
  ErrorClass.captureStackTrace = (target, below) => (target instanceof ErrorClass ? captureStackTrace(target, below) : undefined);
};
