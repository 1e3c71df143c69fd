# cmake: weft_target_warnings(TARGET) turns on our warning set, as errors, for our own code.
function(weft_target_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Werror -Wshadow=local -Wnon-virtual-dtor
    -Wno-error=deprecated-declarations)
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR})
endfunction()
