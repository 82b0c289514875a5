export function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function timeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const id = setTimeout(() => reject(new Error('task timeout')), ms);
    promise.then(
      (value) => { clearTimeout(id); resolve(value); },
      (err) => { clearTimeout(id); reject(err); },
    );
  });
}
