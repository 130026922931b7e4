;; Row scores of the training kernel (see src/geometry/row-scorer.ts): one anchor row (a user) against
;; `count` rows of a table (items: the positive and the negatives of an example, or the W candidates of a
;; hardest-of-W pick), in f32x4 lanes. Every geometry of the trainer is one of these two sums:
;; squared distances (euclidean, squared-euclidean) or dots with the rows' squared norms (dot, cosine).
;; Addresses are bytes in the imported memory; `offsets` holds i32 row offsets in floats (row · dim, as the
;; TypeScript side addresses rows), so row r starts at table + 4 · offsets[r]. Each row is summed on four
;; independent accumulators (16 floats per step): one chain of dependent f32x4 additions would cost an add
;; latency per 4 coordinates; a dim that is not a multiple of 16 finishes 4 floats, then 1 float, at a time.
(module
  ;; Shared (and so with a maximum) so that the worker threads of a Hogwild run score the same tables.
  (import "env" "memory" (memory 1 65536 shared))

  ;; out[r] = Σ_k (anchor[k] − row_r[k])² as f32 (`out` has room for count + 1 floats). With a dim that is
  ;; a multiple of 4, rows go four at a time (one accumulator each, 4 floats per step) and the first line of
  ;; each of the next four rows is loaded before the sums: on a table larger than the caches the misses of
  ;; random rows, not the arithmetic, are what costs, and this keeps eight of them in flight (9.5M against
  ;; 4.7M rows per CPU-second one row at a time, 64 dims, 41k rows, under load). The other rows (and any
  ;; other dim) go one at a time.
  (func (export "squaredDistances")
    (param $anchor i32) (param $table i32) (param $offsets i32) (param $count i32) (param $dim i32)
    (param $out i32)
    (local $row0 i32) (local $row1 i32) (local $row2 i32) (local $row3 i32) (local $a i32) (local $k i32)
    (local $av v128) (local $d v128) (local $touch i32)
    (local $sum0 v128) (local $sum1 v128) (local $sum2 v128) (local $sum3 v128)
    (if (i32.eqz (i32.and (local.get $dim) (i32.const 3)))
      (then
        (block $lastGroup
          (loop $nextGroup
            (br_if $lastGroup (i32.lt_u (local.get $count) (i32.const 4)))
            (local.set $row0 (i32.add (local.get $table) (i32.shl (i32.load (local.get $offsets)) (i32.const 2))))
            (local.set $row1 (i32.add (local.get $table) (i32.shl (i32.load offset=4 (local.get $offsets)) (i32.const 2))))
            (local.set $row2 (i32.add (local.get $table) (i32.shl (i32.load offset=8 (local.get $offsets)) (i32.const 2))))
            (local.set $row3 (i32.add (local.get $table) (i32.shl (i32.load offset=12 (local.get $offsets)) (i32.const 2))))
            (if (i32.ge_u (local.get $count) (i32.const 8))
              (then
                (local.set $touch (i32.add (local.get $touch) (i32.add
                  (i32.add
                    (i32.load (i32.add (local.get $table) (i32.shl (i32.load offset=16 (local.get $offsets)) (i32.const 2))))
                    (i32.load (i32.add (local.get $table) (i32.shl (i32.load offset=20 (local.get $offsets)) (i32.const 2)))))
                  (i32.add
                    (i32.load (i32.add (local.get $table) (i32.shl (i32.load offset=24 (local.get $offsets)) (i32.const 2))))
                    (i32.load (i32.add (local.get $table) (i32.shl (i32.load offset=28 (local.get $offsets)) (i32.const 2))))))))))
            (local.set $a (local.get $anchor))
            (local.set $sum0 (v128.const i32x4 0 0 0 0))
            (local.set $sum1 (v128.const i32x4 0 0 0 0))
            (local.set $sum2 (v128.const i32x4 0 0 0 0))
            (local.set $sum3 (v128.const i32x4 0 0 0 0))
            (local.set $k (local.get $dim))
            (loop $nextStep
              (local.set $av (v128.load (local.get $a)))
              (local.set $d (f32x4.sub (local.get $av) (v128.load (local.get $row0))))
              (local.set $sum0 (f32x4.add (local.get $sum0) (f32x4.mul (local.get $d) (local.get $d))))
              (local.set $d (f32x4.sub (local.get $av) (v128.load (local.get $row1))))
              (local.set $sum1 (f32x4.add (local.get $sum1) (f32x4.mul (local.get $d) (local.get $d))))
              (local.set $d (f32x4.sub (local.get $av) (v128.load (local.get $row2))))
              (local.set $sum2 (f32x4.add (local.get $sum2) (f32x4.mul (local.get $d) (local.get $d))))
              (local.set $d (f32x4.sub (local.get $av) (v128.load (local.get $row3))))
              (local.set $sum3 (f32x4.add (local.get $sum3) (f32x4.mul (local.get $d) (local.get $d))))
              (local.set $a (i32.add (local.get $a) (i32.const 16)))
              (local.set $row0 (i32.add (local.get $row0) (i32.const 16)))
              (local.set $row1 (i32.add (local.get $row1) (i32.const 16)))
              (local.set $row2 (i32.add (local.get $row2) (i32.const 16)))
              (local.set $row3 (i32.add (local.get $row3) (i32.const 16)))
              (br_if $nextStep (local.tee $k (i32.sub (local.get $k) (i32.const 4)))))
            (f32.store (local.get $out) (call $lanes (local.get $sum0)))
            (f32.store offset=4 (local.get $out) (call $lanes (local.get $sum1)))
            (f32.store offset=8 (local.get $out) (call $lanes (local.get $sum2)))
            (f32.store offset=12 (local.get $out) (call $lanes (local.get $sum3)))
            (local.set $offsets (i32.add (local.get $offsets) (i32.const 16)))
            (local.set $out (i32.add (local.get $out) (i32.const 16)))
            (local.set $count (i32.sub (local.get $count) (i32.const 4)))
            (br $nextGroup)))
        ;; The touched values feed nothing; storing their sum keeps the loads from being dropped.
        (i32.store (local.get $out) (local.get $touch))))
    (call $squaredDistancesOneByOne (local.get $anchor) (local.get $table) (local.get $offsets)
      (local.get $count) (local.get $dim) (local.get $out)))

  ;; As squaredDistances, one row at a time, any dim.
  (func $squaredDistancesOneByOne
    (param $anchor i32) (param $table i32) (param $offsets i32) (param $count i32) (param $dim i32)
    (param $out i32)
    (local $row i32) (local $a i32) (local $k i32) (local $d v128)
    (local $sum0 v128) (local $sum1 v128) (local $sum2 v128) (local $sum3 v128) (local $tail f32)
    (local $e f32)
    (block $done
      (loop $nextRow
        (br_if $done (i32.eqz (local.get $count)))
        (local.set $row (i32.add (local.get $table) (i32.shl (i32.load (local.get $offsets)) (i32.const 2))))
        (local.set $a (local.get $anchor))
        (local.set $sum0 (v128.const i32x4 0 0 0 0))
        (local.set $sum1 (v128.const i32x4 0 0 0 0))
        (local.set $sum2 (v128.const i32x4 0 0 0 0))
        (local.set $sum3 (v128.const i32x4 0 0 0 0))
        (local.set $tail (f32.const 0))
        (local.set $k (local.get $dim))
        ;; 16 floats per step
        (block $last16
          (loop $next16
            (br_if $last16 (i32.lt_u (local.get $k) (i32.const 16)))
            (local.set $d (f32x4.sub (v128.load (local.get $a)) (v128.load (local.get $row))))
            (local.set $sum0 (f32x4.add (local.get $sum0) (f32x4.mul (local.get $d) (local.get $d))))
            (local.set $d (f32x4.sub (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $row))))
            (local.set $sum1 (f32x4.add (local.get $sum1) (f32x4.mul (local.get $d) (local.get $d))))
            (local.set $d (f32x4.sub (v128.load offset=32 (local.get $a)) (v128.load offset=32 (local.get $row))))
            (local.set $sum2 (f32x4.add (local.get $sum2) (f32x4.mul (local.get $d) (local.get $d))))
            (local.set $d (f32x4.sub (v128.load offset=48 (local.get $a)) (v128.load offset=48 (local.get $row))))
            (local.set $sum3 (f32x4.add (local.get $sum3) (f32x4.mul (local.get $d) (local.get $d))))
            (local.set $a (i32.add (local.get $a) (i32.const 64)))
            (local.set $row (i32.add (local.get $row) (i32.const 64)))
            (local.set $k (i32.sub (local.get $k) (i32.const 16)))
            (br $next16)))
        ;; then 4 floats per step
        (block $last4
          (loop $next4
            (br_if $last4 (i32.lt_u (local.get $k) (i32.const 4)))
            (local.set $d (f32x4.sub (v128.load (local.get $a)) (v128.load (local.get $row))))
            (local.set $sum0 (f32x4.add (local.get $sum0) (f32x4.mul (local.get $d) (local.get $d))))
            (local.set $a (i32.add (local.get $a) (i32.const 16)))
            (local.set $row (i32.add (local.get $row) (i32.const 16)))
            (local.set $k (i32.sub (local.get $k) (i32.const 4)))
            (br $next4)))
        ;; then one float per step
        (block $last1
          (loop $next1
            (br_if $last1 (i32.eqz (local.get $k)))
            (local.set $e (f32.sub (f32.load (local.get $a)) (f32.load (local.get $row))))
            (local.set $tail (f32.add (local.get $tail) (f32.mul (local.get $e) (local.get $e))))
            (local.set $a (i32.add (local.get $a) (i32.const 4)))
            (local.set $row (i32.add (local.get $row) (i32.const 4)))
            (local.set $k (i32.sub (local.get $k) (i32.const 1)))
            (br $next1)))
        (f32.store (local.get $out) (call $total (local.get $sum0) (local.get $sum1) (local.get $sum2)
          (local.get $sum3) (local.get $tail)))
        (local.set $offsets (i32.add (local.get $offsets) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $nextRow))))

  ;; out[r] = Σ_k anchor[k] · row_r[k] and norms[r] = Σ_k row_r[k]², both f32.
  (func (export "dotsAndSquaredNorms")
    (param $anchor i32) (param $table i32) (param $offsets i32) (param $count i32) (param $dim i32)
    (param $out i32) (param $norms i32)
    (local $row i32) (local $a i32) (local $k i32) (local $x v128)
    (local $dot0 v128) (local $dot1 v128) (local $norm0 v128) (local $norm1 v128)
    (local $dotTail f32) (local $normTail f32) (local $e f32)
    (block $done
      (loop $nextRow
        (br_if $done (i32.eqz (local.get $count)))
        (local.set $row (i32.add (local.get $table) (i32.shl (i32.load (local.get $offsets)) (i32.const 2))))
        (local.set $a (local.get $anchor))
        (local.set $dot0 (v128.const i32x4 0 0 0 0))
        (local.set $dot1 (v128.const i32x4 0 0 0 0))
        (local.set $norm0 (v128.const i32x4 0 0 0 0))
        (local.set $norm1 (v128.const i32x4 0 0 0 0))
        (local.set $dotTail (f32.const 0))
        (local.set $normTail (f32.const 0))
        (local.set $k (local.get $dim))
        ;; 8 floats per step: two accumulators for each of the two sums
        (block $last8
          (loop $next8
            (br_if $last8 (i32.lt_u (local.get $k) (i32.const 8)))
            (local.set $x (v128.load (local.get $row)))
            (local.set $dot0 (f32x4.add (local.get $dot0) (f32x4.mul (v128.load (local.get $a)) (local.get $x))))
            (local.set $norm0 (f32x4.add (local.get $norm0) (f32x4.mul (local.get $x) (local.get $x))))
            (local.set $x (v128.load offset=16 (local.get $row)))
            (local.set $dot1 (f32x4.add (local.get $dot1) (f32x4.mul (v128.load offset=16 (local.get $a)) (local.get $x))))
            (local.set $norm1 (f32x4.add (local.get $norm1) (f32x4.mul (local.get $x) (local.get $x))))
            (local.set $a (i32.add (local.get $a) (i32.const 32)))
            (local.set $row (i32.add (local.get $row) (i32.const 32)))
            (local.set $k (i32.sub (local.get $k) (i32.const 8)))
            (br $next8)))
        ;; then one float per step
        (block $last1
          (loop $next1
            (br_if $last1 (i32.eqz (local.get $k)))
            (local.set $e (f32.load (local.get $row)))
            (local.set $dotTail (f32.add (local.get $dotTail) (f32.mul (f32.load (local.get $a)) (local.get $e))))
            (local.set $normTail (f32.add (local.get $normTail) (f32.mul (local.get $e) (local.get $e))))
            (local.set $a (i32.add (local.get $a) (i32.const 4)))
            (local.set $row (i32.add (local.get $row) (i32.const 4)))
            (local.set $k (i32.sub (local.get $k) (i32.const 1)))
            (br $next1)))
        (f32.store (local.get $out) (call $total (local.get $dot0) (local.get $dot1)
          (v128.const i32x4 0 0 0 0) (v128.const i32x4 0 0 0 0) (local.get $dotTail)))
        (f32.store (local.get $norms) (call $total (local.get $norm0) (local.get $norm1)
          (v128.const i32x4 0 0 0 0) (v128.const i32x4 0 0 0 0) (local.get $normTail)))
        (local.set $offsets (i32.add (local.get $offsets) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $norms (i32.add (local.get $norms) (i32.const 4)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $nextRow))))

  ;; The sum of the 4 lanes of one accumulator.
  (func $lanes (param $s v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $s)) (f32x4.extract_lane 1 (local.get $s)))
      (f32.add (f32x4.extract_lane 2 (local.get $s)) (f32x4.extract_lane 3 (local.get $s)))))

  ;; The sum of the 16 lanes of four accumulators and a scalar tail.
  (func $total (param $s0 v128) (param $s1 v128) (param $s2 v128) (param $s3 v128) (param $tail f32)
    (result f32)
    (local $s v128)
    (local.set $s (f32x4.add (f32x4.add (local.get $s0) (local.get $s1))
      (f32x4.add (local.get $s2) (local.get $s3))))
    (f32.add
      (f32.add
        (f32.add (f32x4.extract_lane 0 (local.get $s)) (f32x4.extract_lane 1 (local.get $s)))
        (f32.add (f32x4.extract_lane 2 (local.get $s)) (f32x4.extract_lane 3 (local.get $s))))
      (local.get $tail))))
